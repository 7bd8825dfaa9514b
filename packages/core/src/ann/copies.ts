/**
 * Identical copies beyond the partner cap. A content farm publishes one body
 * under thousands of headlines; every copy's paragraphs are every other's
 * nearest neighbours, so the index would pair them all to all (20 000 pages
 * of 97 bodies: 381 752 paragraph pairs, 151 799 story pairs to align).
 *
 * A story with more identical copies than partner slots could never be
 * related to all of them anyway: `capPartners` would cut its pairs
 * arbitrarily. So a group of stories with the same paragraph texts in order,
 * larger than `maxPartners`, is collapsed: its earliest member (by date,
 * then input order, as the lineage orders verbatim copies) alone enters the
 * index and meets the rest of the corpus, and every other member is paired
 * with it once, to be related as a verbatim copy through the normal relate
 * path. Groups at or under the cap are untouched, so ordinary corpora give
 * the same candidates, in the same order, as without this step.
 */

import { createHash } from 'node:crypto';
import { CoreError } from '../errors.js';

/** What the grouping reads of a story (a segmented story has this shape). */
export interface CopyStory {
  readonly id: string;
  readonly docId: string;
  /** The story's own date (ISO), when it states one. */
  readonly published: string | null;
  readonly paragraphs: readonly { readonly text: string }[];
}

export interface CopyOptions {
  /** Groups of more identical bodies than this are collapsed. */
  readonly maxPartners: number;
  /** The page's date (ISO) of a document, standing in for a story without one. */
  readonly pagePublished?: (docId: string) => string | null | undefined;
}

/** A story's date as the lineage reads it: its own, else its page's; undated last. */
function dateOf(story: CopyStory, options: CopyOptions): number {
  const iso = story.published ?? options.pagePublished?.(story.docId) ?? '';
  const d = Date.parse(iso);
  return Number.isFinite(d) ? d : Number.POSITIVE_INFINITY;
}

/** A digest of the story's paragraph texts in order (the title left out). */
function bodyKey(story: CopyStory): string {
  const hash = createHash('sha1');
  for (const p of story.paragraphs) hash.update(p.text).update('\u0000');
  return hash.digest('base64');
}

/**
 * The collapsed copies: for every story of a group of identical bodies
 * larger than `maxPartners`, other than the group's representative, the
 * representative's id. Stories without paragraphs are never grouped.
 * @returns member → representative, members in input order; empty when no
 *   group is larger than the cap.
 * @throws {CoreError} INVALID_OPTION when `maxPartners` is not a positive integer.
 */
export function collapseCopies(
  stories: readonly CopyStory[],
  options: CopyOptions,
): ReadonlyMap<string, string> {
  const { maxPartners } = options;
  if (!Number.isInteger(maxPartners) || maxPartners <= 0)
    throw new CoreError(
      'INVALID_OPTION',
      'maxPartners',
      `must be a positive integer, got ${maxPartners}`,
    );
  const groups = new Map<string, number[]>();
  stories.forEach((s, i) => {
    if (s.paragraphs.length === 0) return;
    const key = bodyKey(s);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  const representative = new Map<number, number>();
  for (const group of groups.values()) {
    if (group.length <= maxPartners) continue;
    // Earliest by date, then input order (the group is in input order).
    let rep = group[0]!;
    let repDate = dateOf(stories[rep]!, options);
    for (const i of group) {
      const d = dateOf(stories[i]!, options);
      if (d < repDate) [rep, repDate] = [i, d];
    }
    for (const i of group) if (i !== rep) representative.set(i, rep);
  }
  const out = new Map<string, string>();
  stories.forEach((s, i) => {
    const rep = representative.get(i);
    if (rep !== undefined) out.set(s.id, stories[rep]!.id);
  });
  return out;
}
