/**
 * A report's lineage as a stemma over witnesses: each document is one
 * witness, its first story stands for it ("<id>#1" → "<id>"), and Stemma's
 * hidden sources ("hidden:N") stay as lost nodes. Shared by the sets that
 * score stemmata (synthetic-traditions, florilegium-stemma).
 */

import type { Report } from '@stemma/core';
import { parentMap } from '../metrics.js';

/** The witness a story id belongs to (its document id), or the id itself for a hidden node. */
export function witnessOf(storyId: string): string {
  return storyId.startsWith('hidden:') ? storyId : storyId.replace(/#\d+$/, '');
}

/**
 * The predicted tree over `witnesses` plus any hidden nodes, and the
 * witnesses the segmenter did not read as exactly one story (their other
 * stories' relations are dropped).
 */
export function witnessTree(
  report: Report,
  witnesses: readonly string[],
): { readonly tree: Map<string, string | null>; readonly notOneStory: readonly string[] } {
  const counts = new Map(report.documents.map((d) => [d.id, d.stories.length]));
  const notOneStory = witnesses.filter((w) => counts.get(w) !== 1);
  const first = (id: string) => id.startsWith('hidden:') || id.endsWith('#1');
  const relations = report.relations
    .filter((r) => first(r.parent) && first(r.child))
    .map((r) => ({ parent: witnessOf(r.parent), child: witnessOf(r.child) }));
  return { tree: parentMap(witnesses, relations), notOneStory };
}

/** A tree as "parent → child" lines, roots as "(root) → x", for notes and error cases. */
export function treeLines(tree: ReadonlyMap<string, string | null>): string[] {
  return [...tree].map(([c, p]) => `${p ?? '(root)'} → ${c}`).sort();
}
