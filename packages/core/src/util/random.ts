/**
 * Seeded pseudo-random numbers and string hashing: one copy of each for the
 * generator, the benchmark corpus, test vectors and the hashed word vectors,
 * so that a seed means the same sequence everywhere.
 */

import { expectNumber, expectString } from '../args.js';

/**
 * mulberry32: a small, fast 32-bit generator (Tommy Ettinger's), good enough
 * for shuffling, sampling and test data; not for cryptography.
 * @returns a function giving the next unsigned 32-bit integer.
 * @throws {CoreError} INVALID_ARGUMENT for a seed that is not a finite number.
 */
export function mulberry32(seed: number): () => number {
  expectNumber(seed, 'mulberry32: seed');
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * Uniform numbers in [0, 1) from `seed` (mulberry32).
 * @throws {CoreError} INVALID_ARGUMENT for a seed that is not a finite number.
 */
export function seededRandom(seed: number): () => number {
  expectNumber(seed, 'seededRandom: seed');
  const next = mulberry32(seed);
  return () => next() / 4294967296;
}

/**
 * Uniform numbers in the open interval (0, 1) from `seed` (mulberry32): safe
 * under a logarithm, as Box–Muller needs.
 * @throws {CoreError} INVALID_ARGUMENT for a seed that is not a finite number.
 */
export function seededOpenUnit(seed: number): () => number {
  expectNumber(seed, 'seededOpenUnit: seed');
  const next = mulberry32(seed);
  return () => (next() + 0.5) / 4294967296;
}

/**
 * FNV-1a hash of a string's UTF-16 code units, as an unsigned 32-bit integer.
 * @throws {CoreError} INVALID_ARGUMENT for a text that is not a string.
 */
export function fnv1a(text: string): number {
  expectString(text, 'fnv1a: text');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
