import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, writeTinyWinkJson } from '../embed/test-fixtures.js';
import { comparePassages } from './compare.js';

let dir: string;
let json: string;
beforeAll(() => {
  dir = tempDir();
  json = writeTinyWinkJson(dir, 16);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('comparePassages', () => {
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
      for (const v of Object.values(r)) expect(v).toBeGreaterThanOrEqual(0);
      expect(r.paraphrase).toBeCloseTo(r.semantic * (1 - r.lexical), 9);
    }
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
