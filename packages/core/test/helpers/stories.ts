/**
 * Helpers for unit tests: a deterministic bag-of-words embedding, so stages
 * after `embed` can be tested without loading word vectors.
 */

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { paragraphFeatures } from '../../src/align/features.js';
import type { StoryView } from '../../src/align/align.js';
import type { Encoder } from '../../src/embed/index.js';
import type { Story } from '../../src/types.js';
import { words } from '../../src/text/tokenize.js';
import { fnv1a } from '../../src/util/random.js';

const DIM = 64;

/** Unit vector of hashed word counts: texts sharing words point the same way. */
export function bagOfWordsVector(
  text: string,
  out: Float32Array = new Float32Array(DIM),
  offset = 0,
): Float32Array {
  for (const w of words(text)) {
    const h = fnv1a(w);
    out[offset + (h % DIM)]! += (h & 1 ? 1 : -1) * 1;
  }
  let n = 0;
  for (let k = 0; k < DIM; k++) n += out[offset + k]! ** 2;
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < DIM; k++) out[offset + k]! /= n;
  return out;
}

/**
 * An encoder of {@link bagOfWordsVector}s: the pipeline's stages run without
 * word vectors, so nothing is loaded.
 */
export const bagOfWordsEncoder: Encoder = {
  info: { name: 'bag-of-words', dimensions: DIM, backend: 'cpu' },
  encode: (texts) => {
    const out = new Float32Array(texts.length * DIM);
    texts.forEach((t, i) => bagOfWordsVector(t, out, i * DIM));
    return Promise.resolve(out);
  },
  dispose: () => undefined,
};

/** A StoryView over the given paragraphs (one unit each) with bag-of-words vectors. */
export function storyView(
  id: string,
  paragraphs: readonly string[],
): StoryView & { paragraphOf: number[] } {
  const vectors = new Float32Array(paragraphs.length * DIM);
  paragraphs.forEach((p, k) => bagOfWordsVector(p, vectors, k * DIM));
  return {
    id,
    units: paragraphs.map((p) => paragraphFeatures(p)),
    vectors,
    dimensions: DIM,
    paragraphOf: paragraphs.map((_, k) => k),
  };
}

/**
 * A fresh temporary folder for each test of the calling file, removed after
 * it; `write` puts a file in it (making folders) and returns its path.
 */
export function useTempDir(prefix: string): {
  readonly dir: () => string;
  readonly write: (name: string, content: string | Uint8Array) => string;
} {
  let current = '';
  beforeEach(() => {
    current = mkdtempSync(path.join(tmpdir(), prefix));
  });
  afterEach(() => {
    rmSync(current, { recursive: true, force: true });
  });
  return {
    dir: () => current,
    write: (name, content) => {
      const file = path.join(current, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
      return file;
    },
  };
}

/** A segmented story `<docId>#<n>` of these paragraphs, with no metadata (language as given). */
export function storyOf(
  docId: string,
  n: number,
  paragraphs: readonly string[],
  language: string | null = null,
): Story {
  return {
    id: `${docId}#${n}`,
    docId,
    title: null,
    byline: null,
    published: null,
    attribution: [],
    source: null,
    paragraphs: paragraphs.map((text, index) => ({ index, text, start: 0, end: text.length })),
    outlets: [],
    credits: [],
    names: [],
    language,
  };
}
