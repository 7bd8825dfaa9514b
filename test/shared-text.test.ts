import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPipeline, seededRandom, type PipelineEvent } from '@stemma/core';
import { afterAll, describe, expect, it } from 'vitest';

/** Sentences of a made-up language: random syllable words no encoder's vocabulary holds. */
function invented(seed: number): () => string {
  const next = seededRandom(seed);
  const syllables = ['ka', 'lo', 'mi', 'tu', 're', 'sha', 'von', 'qi', 'dar', 'pel', 'zu', 'nok'];
  const word = () => {
    let w = '';
    for (let i = 3 + Math.floor(next() * 3); i > 0; i--)
      w += syllables[Math.floor(next() * syllables.length)];
    return w;
  };
  return () => {
    const w = Array.from({ length: 13 }, word).join(' ');
    return `${w[0]!.toUpperCase()}${w.slice(1)}.`;
  };
}

describe('a reused passage in a language no encoder knows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'stemma-shared-text-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('becomes a candidate through its shared words and is aligned', async () => {
    const sentence = invented(3);
    const own = (n: number) => Array.from({ length: n }, sentence).join(' ');
    // A short source taken whole into a long story, amid its own sentences:
    // no paragraph of the one is near a paragraph of the other, and most of
    // the long story's words are its own.
    const source = [sentence(), sentence(), sentence(), sentence()];
    const taker = Array.from({ length: 30 }, (_, k) =>
      k === 12 ? `${own(8)} ${source.join(' ')} ${own(8)}` : own(4),
    );
    writeFileSync(join(dir, 'source.txt'), source.join(' '));
    writeFileSync(join(dir, 'taker.txt'), taker.join('\n\n'));
    for (const k of [1, 2, 3])
      writeFileSync(
        join(dir, `other-${k}.txt`),
        Array.from({ length: 6 }, () => own(3)).join('\n\n'),
      );

    const items = new Map<string, number>();
    const { report } = await runPipeline([dir], {
      onEvent: (e: PipelineEvent) => {
        if (e.type === 'stage-end') items.set(e.stage, e.items);
      },
    });
    const page = (id: string) => id.split('#')[0];
    expect(report.relations.map((r) => [page(r.parent), page(r.child)])).toEqual([
      ['taker', 'source'],
    ]);
    // Unrelated stories share no run of words: one candidate pair in all.
    expect(items.get('index')).toBe(1);
  });
});
