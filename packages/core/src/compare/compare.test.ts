import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTinyWinkJson } from '../../test/helpers/embed.js';
import { comparePassages } from './compare.js';

let dir: string;
let json: string;
beforeAll(() => {
  dir = tempDir();
  json = writeTinyWinkJson(dir, 16);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('comparePassages', () => {
  it('reads a given weights file and refuses a missing one', async () => {
    const file = `${dir}/w.json`;
    fs.writeFileSync(
      file,
      JSON.stringify({ features: ['semantic'], mean: [0], std: [1], weights: [0], bias: 0 }),
    );
    const pair = [{ a: 'The minister said so.', b: 'The minister said so.' }];
    const opts = { cacheDir: dir, gloveJsonPath: json, backend: 'cpu' } as const;
    const [r] = await comparePassages(pair, { ...opts, paraphraseModelPath: file });
    expect(r!.paraphraseProbability).toBe(0.5);
    await expect(
      comparePassages(pair, { ...opts, paraphraseModelPath: `${dir}/none.json` }),
    ).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
  });

  it('returns nothing for no pairs', async () => {
    expect(await comparePassages([])).toEqual([]);
  });

  it('scores identical passages 1 and disjoint ones low, one result per pair in order', async () => {
    const same = 'The minister said the government would act on the report.';
    const out = await comparePassages(
      [
        { a: same, b: same },
        { a: same, b: 'Police arrest two men after a court trial in the city.' },
      ],
      { cacheDir: dir, gloveJsonPath: json, backend: 'cpu' },
    );
    expect(out).toHaveLength(2);
    const [x, y] = out;
    expect(x!.lexical).toBeCloseTo(1, 6);
    expect(x!.semantic).toBeCloseTo(1, 4);
    expect(x!.paraphrase).toBeCloseTo(0, 4);
    expect(x!.score).toBeCloseTo(1, 4);
    expect(y!.lexical).toBeLessThan(0.2);
    expect(y!.score).toBeLessThan(x!.score);
    for (const r of out) {
      const { features, ...scores } = r;
      for (const v of Object.values(scores)) expect(v).toBeGreaterThanOrEqual(0);
      expect(r.paraphrase).toBeCloseTo(r.semantic * (1 - r.lexical), 9);
      expect(r.paraphraseProbability).toBeLessThanOrEqual(1);
      expect(features.semantic).toBeCloseTo(r.semantic, 5);
      expect(features.lexical).toBeCloseTo(r.lexical, 5);
    }
    // The fitted model separates the identical pair from the unrelated one.
    expect(x!.paraphraseProbability).toBeGreaterThan(0.5);
    expect(y!.paraphraseProbability).toBeLessThan(0.5);
    expect(x!.features.softAlignMean).toBeCloseTo(1, 9);
  });

  it('separates text outside quotations: a shared quotation alone keeps lexicalOutside low', async () => {
    const [r] = await comparePassages(
      [
        {
          a: 'The minister said "we will rebuild the bridge this year" on Monday.',
          b: 'Speaking to police, a court official said "we will rebuild the bridge this year".',
        },
      ],
      { cacheDir: dir, gloveJsonPath: json, backend: 'cpu' },
    );
    expect(r!.lexicalOutside).toBeLessThan(r!.lexical);
  });
});
