/**
 * The index stage over a corpus: candidate story pairs from the paragraph
 * vectors' nearest neighbours, then stories sharing runs of words (found
 * whatever the language, where vectors may not be). Nothing compares all pairs.
 */

import { mergeCandidates, storyCandidates, type CandidateInput } from './candidates.js';
import { sharedTextCandidates, type ShingleStory } from './shingles.js';
import type { CandidateOptions } from './types.js';

/** What the index stage reads of an embedded corpus. */
export interface IndexedCorpus {
  /** Every story's paragraph vectors with their owners. */
  readonly paragraphs: CandidateInput;
  /** Every story with its sentences. */
  readonly stories: readonly ShingleStory[];
}

export interface CorpusCandidateOptions extends CandidateOptions {
  readonly maxPartners: number;
  /**
   * Collapsed identical copies (collapseCopies): member → representative.
   * Members stay out of the index; each is paired with its representative.
   */
  readonly copyOf?: ReadonlyMap<string, string>;
}

/**
 * Candidate story pairs of a corpus, each unordered pair once: the paragraph
 * index's first (strongest first), then the new ones from shared text, then
 * each collapsed copy with its representative (in input order).
 * @throws {CoreError} INVALID_OPTION when the vectors do not match their owners.
 */
export function corpusCandidates(
  corpus: IndexedCorpus,
  options: CorpusCandidateOptions,
): { readonly a: string; readonly b: string }[] {
  const copyOf = options.copyOf ?? new Map<string, string>();
  const indexed = copyOf.size === 0 ? corpus : withoutCopies(corpus, copyOf);
  const copies = [...copyOf].map(([member, rep]) =>
    member < rep ? { a: member, b: rep } : { a: rep, b: member },
  );
  return mergeCandidates(
    storyCandidates(indexed.paragraphs, options),
    sharedTextCandidates(indexed.stories, { maxPartners: options.maxPartners }),
    copies,
  );
}

/** The corpus without the collapsed copies' rows and stories. */
function withoutCopies(corpus: IndexedCorpus, copyOf: ReadonlyMap<string, string>): IndexedCorpus {
  const { vectors, dimensions: d, owners } = corpus.paragraphs;
  const rows: number[] = [];
  owners.forEach((o, i) => {
    if (!copyOf.has(o.storyId)) rows.push(i);
  });
  const kept = new Float32Array(rows.length * d);
  rows.forEach((i, r) => kept.set(vectors.subarray(i * d, (i + 1) * d), r * d));
  return {
    paragraphs: { vectors: kept, dimensions: d, owners: rows.map((i) => owners[i]!) },
    stories: corpus.stories.filter((s) => !copyOf.has(s.story.id)),
  };
}
