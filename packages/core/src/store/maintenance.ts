/**
 * The index commands that need no encoder and no pipeline (remove, stats,
 * verify, repair): a light entry point, `@stemma/core/store`, so they start
 * without loading TF.js.
 */

import { expectArrayOf, expectString, rules } from '../args.js';
import { IndexStore, mapDbError } from './store.js';
import type { IndexStats, VerifyResult } from './types.js';

/** Opens the index, runs `work`, closes it; SQLite's corruption errors become INDEX_DATABASE_DAMAGED. */
export async function withIndex<T>(
  dir: string,
  mode: { write: boolean; create?: boolean },
  work: (store: IndexStore) => Promise<T> | T,
): Promise<T> {
  const store = await IndexStore.open(dir, mode);
  try {
    return await work(store);
  } catch (error) {
    throw mapDbError(dir, error);
  } finally {
    store.close();
  }
}

/**
 * Removes pages by id (their stories, paragraphs, and vectors no other page shares).
 * @throws CoreError INDEX_MISSING, INDEX_LOCKED, INDEX_FOREIGN,
 *   INDEX_DATABASE_DAMAGED, INDEX_VECTORS_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexRemove(
  dir: string,
  ids: readonly string[],
): Promise<{
  readonly removed: readonly string[];
  readonly missing: readonly string[];
  readonly generation: number;
}> {
  expectString(dir, 'indexRemove: dir');
  expectArrayOf(ids, 'indexRemove: ids', rules.string, 'an array of page ids');
  const list = ids;
  return withIndex(dir, { write: true }, (store) => ({
    ...store.remove(list),
    generation: store.generation,
  }));
}

/**
 * Counts and sizes of an index.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexStats(dir: string): Promise<IndexStats> {
  expectString(dir, 'indexStats: dir');
  return withIndex(dir, { write: false }, (store) => store.stats());
}

/**
 * Checks the database's integrity and that the vector file matches it; never changes anything.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexVerify(dir: string): Promise<VerifyResult> {
  expectString(dir, 'indexVerify: dir');
  return withIndex(dir, { write: false }, (store) => store.verify());
}

/**
 * Rebuilds the vector file from the vectors stored in the database.
 * @throws CoreError INDEX_MISSING, INDEX_LOCKED, INDEX_FOREIGN,
 *   INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function indexRepair(
  dir: string,
): Promise<{ readonly vectors: number; readonly generation: number }> {
  expectString(dir, 'indexRepair: dir');
  return withIndex(dir, { write: true }, (store) => ({
    ...store.repair(),
    generation: store.generation,
  }));
}
