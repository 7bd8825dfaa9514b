/**
 * Test helpers shared by the embed tests: a tiny wink-format embeddings JSON
 * so unit tests never touch the real 300 MB file.
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';

import { seededRandom as rng } from '../../src/util/random.js';

export const TINY_WORDS = [
  'the',
  ',',
  '.',
  'of',
  'to',
  'and',
  'a',
  'in',
  'said',
  'on',
  'for',
  'is',
  'was',
  'with',
  'he',
  'it',
  'government',
  'minister',
  'president',
  'election',
  'vote',
  'parliament',
  'budget',
  'tax',
  'economy',
  'bank',
  'storm',
  'rain',
  'flood',
  'wind',
  'weather',
  'coast',
  'football',
  'match',
  'goal',
  'team',
  'season',
  'coach',
  'police',
  'arrest',
  'court',
  'judge',
  'trial',
  'crime',
  'city',
  'council',
  'school',
  'students',
  'teachers',
  'new',
];

/**
 * Writes a wink-format JSON (`{precision, l2NormIndex, wordIndex, size,
 * dimensions, words, vectors, unkVector}`) with random vectors, where words
 * of the same topic block share a direction so topical texts come out similar.
 */
export function writeTinyWinkJson(
  dir: string,
  dimensions = 16,
  words: readonly string[] = TINY_WORDS,
): string {
  const rand = rng(42);
  const topics = Array.from({ length: 6 }, () =>
    Array.from({ length: dimensions }, () => rand() * 2 - 1),
  );
  const vectors: Record<string, number[]> = {};
  words.forEach((w, i) => {
    const topic = topics[Math.floor(i / 10) % topics.length] as number[];
    const v = topic.map((t) => Number((t + (rand() - 0.5) * 0.6).toFixed(5)));
    const l2 = Math.sqrt(v.reduce((s, x) => s + x * x, 0));
    vectors[w] = [...v, l2, i];
  });
  const json = {
    precision: 5,
    l2NormIndex: dimensions,
    wordIndex: dimensions + 1,
    size: words.length,
    dimensions,
    words,
    vectors,
    unkVector: [...new Array<number>(dimensions).fill(0), 0, -1],
  };
  const p = path.join(dir, 'tiny-embeddings.json');
  fs.writeFileSync(p, JSON.stringify(json));
  return p;
}

/** A fresh temporary folder. */
export function tempDir(prefix = 'stemma-embed-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Fresh temporary folders for one test file: `fresh()` makes one, `cleanUp()`
 * (pass it to `afterAll`) removes all it made.
 */
export function tempDirs(): { readonly fresh: () => string; readonly cleanUp: () => void } {
  const dirs: string[] = [];
  return {
    fresh: () => {
      const d = tempDir();
      dirs.push(d);
      return d;
    },
    cleanUp: () => {
      for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    },
  };
}

/** Counts turns of the event loop (one setImmediate per turn) until stopped. */
export function countTurns(): { readonly turns: () => number; readonly stop: () => void } {
  let turns = 0;
  let timer = setImmediate(function tick() {
    turns++;
    timer = setImmediate(tick);
  });
  return { turns: () => turns, stop: () => clearImmediate(timer) };
}

/** Saves a model as model.json + weights.bin with a plain save handler (what tfjs-node's file:// would write). */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightSpecs = artifacts.weightSpecs ?? [];
      const manifest = [{ paths: ['weights.bin'], weights: weightSpecs }];
      const modelJson = {
        modelTopology: artifacts.modelTopology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: manifest,
      };
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(modelJson));
      const data = artifacts.weightData;
      const bytes = data === undefined ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(data);
      fs.writeFileSync(path.join(dir, 'weights.bin'), Buffer.from(bytes));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    }),
  );
}
