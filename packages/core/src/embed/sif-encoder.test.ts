import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { words } from '../text/tokenize.js';
import { cosine, dot, norm } from '../util/vector.js';
import { applyCorrection, fitAllButTheTop } from './all-but-the-top.js';
import { gloveCachePath, readGloveCache, type GloveTable } from './glove-cache.js';
import { createEncoder } from './create-encoder.js';
import { createSifEncoder, hashedVector } from './sif-encoder.js';
import { countTurns, tempDir, writeTinyWinkJson } from '../../test/helpers/embed.js';
import type { Encoder } from './types.js';

const D = 16;
let dir: string;
let json: string;
let encoder: Encoder;
/** The fixed fit (`encoder` is the default, the batch fit, asked for by name). */
let fixed: Encoder;
const rowOf = (m: Float32Array, i: number, d = D): Float32Array => m.subarray(i * d, (i + 1) * d);

beforeAll(async () => {
  dir = tempDir();
  json = writeTinyWinkJson(dir, D);
  encoder = await createSifEncoder({
    cacheDir: dir,
    gloveJsonPath: json,
    backend: 'cpu',
    fit: 'batch',
  });
  fixed = await createSifEncoder({
    cacheDir: dir,
    gloveJsonPath: json,
    backend: 'cpu',
    fit: 'fixed',
  });
});
afterAll(() => {
  encoder.dispose();
  fixed.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The Zipf–Mandelbrot probability of a word at `rank` (unknown words count as the rarest). */
function zipfOf(table: GloveTable): (rank: number) => number {
  let z = 0;
  for (let r = 0; r < table.count; r++) z += 1 / (r + 2.7);
  return (rank) => 1 / (((rank < 0 ? table.count : rank) + 2.7) * z);
}

/**
 * SIF written out word by word, as the reference the encoder's batched
 * matMul must match: Σ a/(a + p(w)) · v_w / |s|, normalised (a = 1e-3;
 * unknown words get their hashed vector).
 */
function referenceSif(
  table: GloveTable,
  tokens: readonly (readonly string[])[],
  p: (word: string, rank: number) => number,
): number[][] {
  return tokens.map((ws) => {
    const sum = new Float64Array(D);
    const v = new Float32Array(D);
    for (const w of ws) {
      const rank = table.rank(w);
      if (rank >= 0) table.readRow(rank, v, 0);
      else hashedVector(w, D, table.meanNorm, v, 0);
      const weight = 1e-3 / (1e-3 + p(w, rank));
      for (let k = 0; k < D; k++)
        sum[k] = (sum[k] as number) + (weight * (v[k] as number)) / ws.length;
    }
    return Array.from(sum, (x) => x / norm(sum));
  });
}

describe('createSifEncoder', () => {
  it('reports its name, dimensions and backend; the fits have different names', () => {
    expect(encoder.info).toEqual({ name: `sif-glove-${D}d`, dimensions: D, backend: 'cpu' });
    expect(fixed.info).toEqual({ name: `sif-glove-${D}d-fixed`, dimensions: D, backend: 'cpu' });
  });

  it("reports each text's tokenizing time, and stops when the callback throws (the embed budget)", async () => {
    const texts = ['The storm and the rain.', 'Police arrest; court trial!', 'The rain.'];
    const timed: number[] = [];
    await encoder.encode(texts, { onTextTime: (i, ms) => timed.push(ms >= 0 ? i : -1) });
    expect(timed).toEqual([0, 1, 2]);
    const stop = new Error('over budget');
    await expect(
      encoder.encode(texts, {
        onTextTime: (i) => {
          if (i === 1) throw stop;
        },
      }),
    ).rejects.toBe(stop);
  });

  it('returns an n×d matrix of unit rows; a text without words gives a zero row', async () => {
    const out = await encoder.encode([
      'The storm and the rain.',
      '',
      'Police arrest; court trial!',
      '—',
    ]);
    expect(out).toBeInstanceOf(Float32Array);
    expect(out.length).toBe(4 * D);
    expect(norm(rowOf(out, 0))).toBeCloseTo(1, 5);
    expect(norm(rowOf(out, 2))).toBeCloseTo(1, 5);
    expect(Array.from(rowOf(out, 1)).every((x) => x === 0)).toBe(true);
    expect(Array.from(rowOf(out, 3)).every((x) => x === 0)).toBe(true);
    expect(out.every(Number.isFinite)).toBe(true);
  });

  it('encodes an empty list to an empty matrix', async () => {
    expect((await encoder.encode([])).length).toBe(0);
  });

  it('gives identical texts identical vectors and topical texts higher similarity', async () => {
    const out = await encoder.encode([
      'the storm brought rain and flood to the coast',
      'wind and weather on the coast, said the storm',
      'the team won the football match with a goal',
      'the storm brought rain and flood to the coast',
    ]);
    expect(Array.from(rowOf(out, 3))).toEqual(Array.from(rowOf(out, 0)));
    expect(cosine(rowOf(out, 0), rowOf(out, 1))).toBeGreaterThan(
      cosine(rowOf(out, 0), rowOf(out, 2)) + 0.2,
    );
  });

  it('matches unknown words (names) across texts through hashed vectors', async () => {
    const out = await encoder.encode([
      'Zorblax Quintero said the election vote',
      'Zorblax Quintero on the football match',
      'Mirela Okonkwo on the football match',
    ]);
    expect(cosine(rowOf(out, 0), rowOf(out, 1))).toBeGreaterThan(
      cosine(rowOf(out, 0), rowOf(out, 2)) + 0.2,
    );
  });

  it('without component removal equals a plain-JS SIF reference (batch fit)', async () => {
    const plain = await createSifEncoder({
      cacheDir: dir,
      gloveJsonPath: json,
      fit: 'batch',
      removeCommonComponent: false,
      allButTheTop: false,
    });
    const texts = [
      'the minister said the budget tax',
      'police arrest in the city, the council said',
      'Zorblax said',
    ];
    const got = await plain.encode(texts);

    const table = readGloveCache(gloveCachePath(dir, json));
    const tokens = texts.map((t) => words(t));
    const total = tokens.flat().length;
    const counts = new Map<string, number>();
    for (const w of tokens.flat()) counts.set(w, (counts.get(w) ?? 0) + 1);
    const zipf = zipfOf(table);
    const want = referenceSif(
      table,
      tokens,
      (w, rank) => ((counts.get(w) as number) + 1e5 * zipf(rank)) / (total + 1e5),
    );
    want.forEach((row, i) =>
      Array.from(rowOf(got, i)).forEach((x, k) => expect(x).toBeCloseTo(row[k] as number, 4)),
    );
  });

  it('removes the common component: with enough rows they all lie in one hyperplane', async () => {
    const vocab = [
      'government',
      'minister',
      'storm',
      'rain',
      'football',
      'match',
      'police',
      'court',
      'city',
      'school',
    ];
    const texts = Array.from(
      { length: 40 },
      (_, i) =>
        `the ${vocab[i % 10]} and the ${vocab[(i * 3 + 1) % 10]} of ${vocab[(i * 7 + 2) % 10]} said`,
    );
    const out = await encoder.encode(texts);
    // Smallest eigenvalue of XᵀX ≈ 0 ⇔ some direction is orthogonal to every row.
    const gram = Array.from({ length: D }, (_, a) =>
      Array.from({ length: D }, (_, b) =>
        texts.reduce(
          (s, _t, i) => s + (rowOf(out, i)[a] as number) * (rowOf(out, i)[b] as number),
          0,
        ),
      ),
    );
    const trace = gram.reduce((s, r, i) => s + (r[i] as number), 0);
    let u = Array.from({ length: D }, (_, i) => Math.sin(i + 1));
    for (let it = 0; it < 2000; it++) {
      const next = u.map((_, a) => trace * (u[a] as number) - dot(gram[a] as number[], u)); // (tr·I − G)u
      const len = norm(next);
      u = next.map((x) => x / len);
    }
    const minEigen = dot(
      u,
      (gram as number[][]).map((r) => dot(r, u)),
    );
    expect(minEigen / trace).toBeLessThan(1e-4);

    const kept = await createSifEncoder({
      cacheDir: dir,
      gloveJsonPath: json,
      removeCommonComponent: false,
      allButTheTop: false,
    });
    const raw = await kept.encode(texts);
    const rawGram = (gram as number[][]).map((r, a) =>
      r.map((_, b) =>
        texts.reduce(
          (s, _t, i) => s + (rowOf(raw, i)[a] as number) * (rowOf(raw, i)[b] as number),
          0,
        ),
      ),
    );
    expect(
      dot(
        u,
        rawGram.map((r) => dot(r, u)),
      ) / trace,
    ).toBeGreaterThan(1e-3);
  });

  it('keeps a tiny corpus intact (no component removal below pcMinRows)', async () => {
    const out = await encoder.encode(['the election vote', 'the election vote']);
    expect(cosine(rowOf(out, 0), rowOf(out, 1))).toBeCloseTo(1, 6);
    expect(norm(rowOf(out, 0))).toBeCloseTo(1, 5);
  });

  it('reports progress up to the total', async () => {
    const seen: [number, number][] = [];
    await encoder.encode(['a', 'the storm', 'the rain'], {
      onProgress: (done, total) => seen.push([done, total]),
    });
    expect(seen.at(-1)).toEqual([3, 3]);
    expect(seen.every(([, total]) => total === 3)).toBe(true);
  });

  it('lets the event loop run between batches, so a progress display can redraw', async () => {
    // More texts than one batch holds (1024 rows); a ticker counts event-loop turns.
    const texts = Array.from({ length: 2500 }, (_, i) => (i % 2 === 0 ? 'the storm' : 'the rain'));
    const loop = countTurns();
    const seen: number[] = [];
    try {
      await encoder.encode(texts, { onProgress: () => seen.push(loop.turns()) });
    } finally {
      loop.stop();
    }
    expect(seen.length).toBeGreaterThan(1);
    seen.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(seen[i] as number));
  });

  it('rejects non-positive options and an unknown fit', async () => {
    await expect(
      createSifEncoder({ cacheDir: dir, gloveJsonPath: json, a: 0 }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(
      createSifEncoder({ cacheDir: dir, gloveJsonPath: json, fit: 'corpus' as 'batch' }),
    ).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});

describe('the fixed fit', () => {
  const vocab = ['government', 'minister', 'storm', 'rain', 'football', 'match', 'police'];
  /** 40 texts: enough rows for the batch fit to remove its own component. */
  const others = Array.from(
    { length: 40 },
    (_, i) =>
      `the ${vocab[i % 7]} and the ${vocab[(i * 3 + 1) % 7]} said the ${vocab[(i * 5 + 2) % 7]}`,
  );
  const probes = [
    'the storm brought rain and flood to the coast',
    'Zorblax Quintero said the election vote',
    'police',
  ];

  it('encodes a text alone as it does inside a batch of other texts', async () => {
    const inBatch = await fixed.encode([...others, ...probes, ...others.slice(0, 9)]);
    for (const [i, text] of probes.entries()) {
      const alone = await fixed.encode([text]);
      const row = rowOf(inBatch, others.length + i);
      Array.from(alone).forEach((x, k) => expect(x).toBeCloseTo(row[k] as number, 6));
      expect(cosine(alone, row)).toBeCloseTo(1, 6);
    }
  });

  it('the batch fit, by contrast, gives a text another vector in another batch', async () => {
    const inBatch = await encoder.encode([...others, probes[0] as string]);
    const inOther = await encoder.encode([
      ...others
        .slice(0, 33)
        .reverse()
        .map((t) => `${t} storm`),
      probes[0] as string,
    ]);
    expect(cosine(rowOf(inBatch, others.length), rowOf(inOther, 33))).toBeLessThan(1 - 1e-4);
  });

  it('removes the expected SIF vector under the prior, the same direction in every call', async () => {
    const raw = await createSifEncoder({
      cacheDir: dir,
      gloveJsonPath: json,
      fit: 'fixed',
      removeCommonComponent: false,
    });
    // The reference direction in plain JS: Σ_w p(w)·a/(a + p(w))·v_w over
    // the table, each row corrected (all-but-the-top) one by one.
    const table = readGloveCache(gloveCachePath(dir, json));
    const correction = fitAllButTheTop(table);
    let z = 0;
    for (let r = 0; r < table.count; r++) z += 1 / (r + 2.7);
    const c = new Float64Array(D);
    const v = new Float32Array(D);
    for (let r = 0; r < table.count; r++) {
      const p = 1 / ((r + 2.7) * z);
      table.readRow(r, v, 0);
      applyCorrection(correction, v, [0], D);
      for (let k = 0; k < D; k++)
        c[k] = (c[k] as number) + ((p * 1e-3) / (1e-3 + p)) * (v[k] as number);
    }
    const unit = Array.from(c, (x) => x / norm(c));
    for (const batch of [others.slice(0, 20), [...probes, 'the match']]) {
      const got = await fixed.encode(batch);
      const plain = await raw.encode(batch);
      batch.forEach((_, i) => {
        const r = Array.from(rowOf(plain, i));
        const along = dot(r, unit);
        const want = r.map((x, k) => x - along * (unit[k] as number));
        const len = norm(want);
        Array.from(rowOf(got, i)).forEach((x, k) =>
          expect(x).toBeCloseTo((want[k] as number) / len, 4),
        );
        expect(Math.abs(dot(Array.from(rowOf(got, i)), unit))).toBeLessThan(1e-5);
      });
    }
    raw.dispose();
  });

  it('without the common direction equals a plain-JS SIF reference over the Zipf prior alone', async () => {
    const plain = await createSifEncoder({
      cacheDir: dir,
      gloveJsonPath: json,
      fit: 'fixed',
      removeCommonComponent: false,
      allButTheTop: false,
    });
    const texts = ['the minister said the budget tax', 'the the the police', 'Zorblax said'];
    const got = await plain.encode(texts);
    plain.dispose();
    const table = readGloveCache(gloveCachePath(dir, json));
    const zipf = zipfOf(table);
    const want = referenceSif(table, texts.map(words), (_w, rank) => zipf(rank));
    want.forEach((row, i) =>
      Array.from(rowOf(got, i)).forEach((x, k) => expect(x).toBeCloseTo(row[k] as number, 4)),
    );
  });
});

describe('hashedVector', () => {
  it('is deterministic, has the requested length and differs between words', () => {
    const a = new Float32Array(100);
    const b = new Float32Array(100);
    const c = new Float32Array(100);
    hashedVector('okonkwo', 100, 4, a);
    hashedVector('okonkwo', 100, 4, b);
    hashedVector('okonkwa', 100, 4, c);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(norm(a)).toBeCloseTo(4, 4);
    expect(Math.abs(cosine(a, c))).toBeLessThan(0.4);
  });
});

describe('real GloVe embeddings (integration)', () => {
  // Uses the default cache folder, so it reuses the cache after the first
  // run anywhere on this machine; builds it (a few seconds) only once.
  it('puts a paraphrase closer than an unrelated text', async () => {
    const real = await createSifEncoder();
    expect(real.info.dimensions).toBe(100);
    expect(['tensorflow', 'wasm', 'cpu']).toContain(real.info.backend);
    const out = await real.encode([
      'Heavy rain flooded the coastal town and forced hundreds of families from their homes.',
      'Hundreds of families fled their houses after downpours caused floods along the coast.',
      'The striker scored twice as the home team won the cup final on Saturday.',
    ]);
    const d = 100;
    expect(cosine(rowOf(out, 0, d), rowOf(out, 1, d))).toBeGreaterThan(
      cosine(rowOf(out, 0, d), rowOf(out, 2, d)) + 0.15,
    );
  });
});

describe('createEncoder notices', () => {
  it("passes a corrupt cache's rebuild as an 'info' notice, for users to see", async () => {
    const own = tempDir();
    try {
      const tiny = writeTinyWinkJson(own, D);
      fs.writeFileSync(gloveCachePath(own, tiny), '');
      const notices: [string, string | undefined][] = [];
      const enc = await createEncoder({
        cacheDir: own,
        gloveJsonPath: tiny,
        backend: 'cpu',
        onNotice: (message, level) => notices.push([message, level]),
      });
      enc.dispose();
      expect(notices).toContainEqual([expect.stringMatching(/rebuilding it/), 'info']);
    } finally {
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});

describe('createEncoder: the SIF fit', () => {
  it('is the batch fit by default, the fixed one when asked or under STEMMA_SIF_FIT=fixed', async () => {
    const names = async (choice: { sifFit?: 'batch' | 'fixed' } = {}) => {
      const e = await createEncoder({
        cacheDir: dir,
        gloveJsonPath: json,
        backend: 'cpu',
        ...choice,
      });
      e.dispose();
      return [e.info.name, e.batchIndependent];
    };
    const before = process.env['STEMMA_SIF_FIT'];
    try {
      delete process.env['STEMMA_SIF_FIT'];
      expect(await names()).toEqual([`sif-glove-${D}d`, false]);
      expect(await names({ sifFit: 'fixed' })).toEqual([`sif-glove-${D}d-fixed`, true]);
      process.env['STEMMA_SIF_FIT'] = 'fixed';
      expect(await names()).toEqual([`sif-glove-${D}d-fixed`, true]);
      expect(await names({ sifFit: 'batch' })).toEqual([`sif-glove-${D}d`, false]);
      process.env['STEMMA_SIF_FIT'] = 'fitted';
      await expect(names()).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    } finally {
      if (before === undefined) delete process.env['STEMMA_SIF_FIT'];
      else process.env['STEMMA_SIF_FIT'] = before;
    }
  });
});
