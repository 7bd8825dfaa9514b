/**
 * The lineage stage as the pipeline runs it: the forest from the derived
 * pairs, then the independent coverage between its trees.
 */

import type { RelateResult } from '../relate/index.js';
import type { IndependentPair, Story } from '../types.js';
import { independentPairs } from './independent.js';
import { buildLineage } from './lineage.js';
import type { LineageOptions, LineageResult } from './types.js';

/** The lineage and the independent pairs between its trees. */
export interface Forest extends LineageResult {
  readonly independent: readonly IndependentPair[];
}

/**
 * Draws the forest of every story from the relate stage's verdicts.
 * @throws RangeError when a pair names a story that is not in `stories`.
 */
export function drawForest(
  stories: readonly Story[],
  related: RelateResult,
  options: LineageOptions = {},
): Forest {
  const lineage = buildLineage(
    {
      storyIds: stories.map((s) => s.id),
      pairs: related.derived,
      facts: related.facts,
      sizes: new Map(stories.map((s) => [s.id, s.paragraphs.length])),
      texts: new Map(
        stories.map((s) => [s.id, [s.title ?? '', ...s.paragraphs.map((p) => p.text)].join('\n')]),
      ),
    },
    options,
  );
  const treeOf = new Map<string, string>();
  for (const t of lineage.trees) for (const m of t.members) treeOf.set(m, t.root);
  return { ...lineage, independent: independentPairs(related.nonDerived, treeOf) };
}
