import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { words } from '../text/tokenize.js';
import { norm, normalize } from '../util/vector.js';
import { countTurns, saveModel, tempDir } from '../../test/helpers/embed.js';
import { createTfjsModelEncoder } from './tfjs-model-encoder.js';

const VOCAB = [
  '[PAD]',
  '[UNK]',
  'the',
  'storm',
  'rain',
  'flood',
  'coast',
  'football',
  'match',
  'goal',
  'team',
  'police',
];
const MAX_LEN = 6;
const DIM = 4;

function idsOf(text: string): number[] {
  const ids = words(text)
    .slice(0, MAX_LEN)
    .map((w) => Math.max(1, VOCAB.indexOf(w)));
  return [...ids, ...new Array<number>(MAX_LEN - ids.length).fill(0)];
}

let root: string;
let pooledDir: string;
let tokenDir: string;
let pooled: tf.Sequential;
let tokenLevel: tf.Sequential;
let server: http.Server | undefined;
let baseUrl: string;

beforeAll(async () => {
  root = tempDir('stemma-model-');
  pooled = tf.sequential({
    layers: [
      tf.layers.embedding({ inputDim: VOCAB.length, outputDim: 8, inputLength: MAX_LEN }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: DIM }),
    ],
  });
  pooledDir = path.join(root, 'pooled');
  await saveModel(pooled, pooledDir);
  fs.writeFileSync(path.join(pooledDir, 'vocab.json'), JSON.stringify(VOCAB));

  // Token-level output [batch, length, d]: the encoder must average over non-padding tokens.
  tokenLevel = tf.sequential({
    layers: [tf.layers.embedding({ inputDim: VOCAB.length, outputDim: DIM, inputLength: MAX_LEN })],
  });
  tokenDir = path.join(root, 'token-level');
  await saveModel(tokenLevel, tokenDir);
  fs.writeFileSync(
    path.join(tokenDir, 'vocab.json'),
    JSON.stringify({ tokens: Object.fromEntries(VOCAB.map((t, i) => [t, i])), padId: 0, unkId: 1 }),
  );

  const srv = http.createServer((req, res) => {
    const file = path.join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': file.endsWith('.json') ? 'application/json' : 'application/octet-stream',
    });
    res.end(fs.readFileSync(file));
  });
  server = srv;
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) =>
    server === undefined ? resolve() : server.close(() => resolve()),
  );
  pooled?.dispose();
  tokenLevel?.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

const TEXTS = [
  'The storm and the rain hit the coast.',
  'The team scored a goal in the match.',
  'The storm and the rain hit the coast.',
  '',
];

describe('createTfjsModelEncoder', () => {
  it('loads a LayersModel from a folder and reproduces its predictions, normalised', async () => {
    const enc = await createTfjsModelEncoder({ modelUrl: pooledDir, backend: 'cpu' });
    expect(enc.info).toEqual({ name: 'tfjs-model:pooled', dimensions: DIM, backend: 'cpu' });
    const out = await enc.encode(TEXTS);
    expect(out.length).toBe(TEXTS.length * DIM);

    const expected = tf
      .tidy(
        () =>
          pooled.predict(
            tf.tensor2d(TEXTS.map(idsOf), [TEXTS.length, MAX_LEN], 'int32'),
          ) as tf.Tensor2D,
      )
      .arraySync();
    TEXTS.forEach((_, i) => {
      const row = out.subarray(i * DIM, (i + 1) * DIM);
      expect(norm(row)).toBeCloseTo(1, 5);
      Array.from(normalize(expected[i] as number[])).forEach((x, k) =>
        expect(row[k]).toBeCloseTo(x, 5),
      );
    });
    expect(Array.from(out.subarray(2 * DIM, 3 * DIM))).toEqual(Array.from(out.subarray(0, DIM)));
    enc.dispose();
  });

  it('accepts a file:// URL of model.json and batches with progress', async () => {
    const enc = await createTfjsModelEncoder({
      modelUrl: pathToFileURL(path.join(pooledDir, 'model.json')).href,
      batchSize: 3,
    });
    const seen: number[] = [];
    const out = await enc.encode(TEXTS, { onProgress: (done) => seen.push(done) });
    expect(seen).toEqual([3, 4]);
    expect(out.length).toBe(TEXTS.length * DIM);
    enc.dispose();
  });

  it("reports each text's tokenizing time, and stops when the callback throws (the embed budget)", async () => {
    const enc = await createTfjsModelEncoder({ modelUrl: pooledDir, backend: 'cpu', batchSize: 3 });
    const timed: number[] = [];
    await enc.encode(TEXTS, { onTextTime: (i, ms) => timed.push(ms >= 0 ? i : -1) });
    expect(timed).toEqual(TEXTS.map((_, i) => i));
    const stop = new Error('over budget');
    const tensors = tf.memory().numTensors;
    await expect(
      enc.encode(TEXTS, {
        onTextTime: (i) => {
          if (i === 3) throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(tf.memory().numTensors).toBe(tensors);
    enc.dispose();
  });

  it('lets the event loop run between batches, so a progress display can redraw', async () => {
    const enc = await createTfjsModelEncoder({ modelUrl: pooledDir, batchSize: 1 });
    const loop = countTurns();
    const seen: number[] = [];
    try {
      await enc.encode(TEXTS, { onProgress: () => seen.push(loop.turns()) });
    } finally {
      loop.stop();
      enc.dispose();
    }
    expect(seen).toHaveLength(TEXTS.length);
    seen.slice(1).forEach((t, i) => expect(t).toBeGreaterThan(seen[i] as number));
  });

  it('averages token-level outputs over the non-padding tokens only', async () => {
    const enc = await createTfjsModelEncoder({ modelUrl: tokenDir, backend: 'cpu' });
    const [table] = tokenLevel.getWeights();
    const rows = (table as tf.Tensor2D).arraySync();
    const text = 'storm flood zebra';
    const ids = idsOf(text).filter((id) => id !== 0);
    const mean = Array.from(
      { length: DIM },
      (_, k) => ids.reduce((s, id) => s + (rows[id]?.[k] as number), 0) / ids.length,
    );
    const out = await enc.encode([text]);
    Array.from(normalize(mean)).forEach((x, k) => expect(out[k]).toBeCloseTo(x, 5));
    enc.dispose();
  });

  it('loads the same model over http and gives the same vectors', async () => {
    const local = await createTfjsModelEncoder({ modelUrl: pooledDir, backend: 'cpu' });
    const remote = await createTfjsModelEncoder({
      modelUrl: `${baseUrl}/pooled/model.json`,
      backend: 'cpu',
    });
    expect(remote.info.name).toBe('tfjs-model:pooled');
    expect(Array.from(await remote.encode(TEXTS))).toEqual(Array.from(await local.encode(TEXTS)));
    local.dispose();
    remote.dispose();
  });

  it.each([
    ['a missing folder', () => path.join(root, 'nope')],
    ['an http 404', () => `${baseUrl}/nope/model.json`],
    [
      'a broken model.json',
      () =>
        writeBroken('broken-json', (d) =>
          fs.writeFileSync(path.join(d, 'model.json'), '{"modelTopology": '),
        ),
    ],
    [
      'a missing weight shard',
      () => writeBroken('no-weights', (d) => fs.rmSync(path.join(d, 'weights.bin'))),
    ],
    [
      'a missing vocab.json',
      () => writeBroken('no-vocab', (d) => fs.rmSync(path.join(d, 'vocab.json'))),
    ],
    [
      'a truncated weight shard',
      () => writeBroken('short-weights', (d) => fs.truncateSync(path.join(d, 'weights.bin'), 10)),
    ],
  ])('fails with MODEL_LOAD_FAILED for %s', async (_name, where) => {
    await expect(
      createTfjsModelEncoder({ modelUrl: where(), backend: 'cpu' }),
    ).rejects.toMatchObject({
      name: 'CoreError',
      code: 'MODEL_LOAD_FAILED',
    });
  });

  it('rejects an empty modelUrl with INVALID_OPTION', async () => {
    await expect(createTfjsModelEncoder({ modelUrl: ' ' })).rejects.toMatchObject({
      code: 'INVALID_OPTION',
    });
  });
});

/** Copies the pooled model to a new folder and damages it. */
function writeBroken(name: string, damage: (dir: string) => void): string {
  const dir = path.join(root, name);
  fs.cpSync(pooledDir, dir, { recursive: true });
  damage(dir);
  return dir;
}
