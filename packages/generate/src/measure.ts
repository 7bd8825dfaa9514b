/**
 * Measures the generator's paraphrase and translation-like copies against
 * their parents over many families (see overlap.ts):
 * `node packages/generate/dist/measure.js [families] [seed]`.
 */

import { fileURLToPath } from 'node:url';
import { seededRandom } from '@stemma/core';
import { loadSeedArticles } from './article.js';
import { generateFamily } from './family.js';
import { overlap, type Overlap } from './overlap.js';
import type { FamilySpec } from './types.js';

export interface OverlapSummary {
  readonly role: string;
  readonly n: number;
  readonly mean: Overlap;
  readonly max: Overlap;
}

/**
 * Overlap of every paraphrase (split into first paraphrases and paraphrases
 * of a paraphrase) and translated copy with its parent, over `families`
 * families of depth-3 chains with one translated copy each.
 */
export function measureOverlap(families = 50, seed = 1): OverlapSummary[] {
  const seeds = loadSeedArticles();
  const rng = seededRandom(seed);
  const groups = new Map<string, Overlap[]>();
  for (let i = 0; i < families; i++) {
    const spec: FamilySpec = {
      id: `m${String(i).padStart(3, '0')}`,
      verbatim: 0,
      edited: 1,
      spun: 0,
      translated: 1,
      paraphraseDepth: 3,
      decoys: 0,
      hiddenSource: false,
      chainProbability: 0.3,
    };
    const f = generateFamily(seeds[i % seeds.length]!, spec, rng);
    const byId = new Map(f.stories.map((s) => [s.id, s]));
    for (const r of f.relations) {
      if (r.kind !== 'paraphrase' && r.kind !== 'translated') continue;
      const parent = byId.get(r.parent)!;
      const child = byId.get(r.child)!;
      const role =
        r.kind === 'translated'
          ? 'translated'
          : parent.role === 'paraphrase'
            ? 'paraphrase of paraphrase'
            : 'paraphrase';
      const list = groups.get(role) ?? [];
      list.push(overlap(parent.paragraphs, child.paragraphs));
      groups.set(role, list);
    }
  }
  return [...groups].map(([role, xs]) => {
    const mean = (k: keyof Overlap): number => xs.reduce((s, x) => s + x[k], 0) / xs.length;
    const max = (k: keyof Overlap): number => Math.max(...xs.map((x) => x[k]));
    return {
      role,
      n: xs.length,
      mean: { fourgram: mean('fourgram'), content: mean('content'), length: mean('length') },
      max: { fourgram: max('fourgram'), content: max('content'), length: max('length') },
    };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  const rows = measureOverlap(Number(process.argv[2] ?? 50), Number(process.argv[3] ?? 1));
  process.stdout.write(
    'role                      n   4-gram mean (max)   content mean (max)   length mean\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `${r.role.padEnd(25)} ${String(r.n).padStart(3)}   ${pct(r.mean.fourgram).padStart(6)} (${pct(r.max.fourgram)})      ${pct(r.mean.content).padStart(6)} (${pct(r.max.content)})      ${pct(r.mean.length)}\n`,
    );
  }
}
