/**
 * `diffArrays` of the `diff` package (v9) for arrays of strings, step for
 * step, without its allocations: the same Myers search (the same diagonals
 * in the same order, the same choice between an insertion and a removal,
 * the same pruning at the edges of the edit graph), so the same change
 * objects come out, in the same order. jsdiff builds one object per path
 * extension and reads its best paths from a sparse array with negative
 * indices; on two witnesses of a family of near-copies that differ in a
 * cut passage (edit length in the hundreds) that was most of a query's
 * lineage stage (a query's p99 147 ms). Here the paths are typed arrays
 * and the components an arena of typed arrays.
 */

import type { ArrayChange } from 'diff';

/** Component kinds (jsdiff's `added` / `removed` flags). */
const COMMON = 0;
const ADDED = 1;
const REMOVED = 2;

/** A growable arena of path components: count, kind, and the previous component (-1: none). */
class Components {
  // Small to start: most diffs are of two paragraphs (the change profile's).
  count = new Int32Array(32);
  kind = new Uint8Array(32);
  prev = new Int32Array(32);
  size = 0;

  push(count: number, kind: number, prev: number): number {
    if (this.size === this.count.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.count = grow(this.count, (n) => new Int32Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.prev = grow(this.prev, (n) => new Int32Array(n));
    }
    const id = this.size++;
    this.count[id] = count;
    this.kind[id] = kind;
    this.prev[id] = prev;
    return id;
  }
}

/**
 * The change objects `diffArrays(oldWords, newWords)` returns (no options):
 * runs of common, removed (from `oldWords`) and added (in `newWords`) words.
 * @throws never.
 */
export function diffWords(
  oldWords: readonly string[],
  newWords: readonly string[],
): ArrayChange<string>[] {
  // The words are compared as they are: interning them as integers first
  // cost more than it saved (measured on paragraph and whole-story diffs).
  const oldT = oldWords;
  const newT = newWords;
  const oldLen = oldT.length;
  const newLen = newT.length;
  const maxEditLength = newLen + oldLen;
  // Best path per diagonal k (index k + offset): its oldPos and last component; -2 is jsdiff's undefined path.
  const offset = maxEditLength + 1;
  const pathOld = new Int32Array(2 * offset + 1).fill(-2);
  const pathLast = new Int32Array(2 * offset + 1).fill(-1);
  const comps = new Components();

  // jsdiff's extractCommon: follow the diagonal while the words agree; the new oldPos.
  const extractCommon = (k: number, oldPos: number, last: number): number => {
    let o = oldPos;
    let n = o - k;
    while (n + 1 < newLen && o + 1 < oldLen && oldT[o + 1] === newT[n + 1]) {
      n++;
      o++;
    }
    pathLast[k + offset] = o > oldPos ? comps.push(o - oldPos, COMMON, last) : last;
    pathOld[k + offset] = o;
    return o;
  };
  // jsdiff's addToPath: a run of the same kind grows by one (as a new component), else a new run.
  const extend = (last: number, kind: number): number =>
    last >= 0 && comps.kind[last] === kind
      ? comps.push(comps.count[last]! + 1, kind, comps.prev[last]!)
      : comps.push(1, kind, last);

  const build = (last: number): ArrayChange<string>[] => {
    const order: number[] = [];
    for (let c = last; c >= 0; c = comps.prev[c]!) order.push(c);
    order.reverse();
    const out: ArrayChange<string>[] = [];
    let newPos = 0;
    let oldPos = 0;
    for (const c of order) {
      const count = comps.count[c]!;
      const kind = comps.kind[c]!;
      const added = kind === ADDED;
      const removed = kind === REMOVED;
      let value: string[];
      if (!removed) {
        value = newWords.slice(newPos, newPos + count);
        newPos += count;
        if (!added) oldPos += count;
      } else {
        value = oldWords.slice(oldPos, oldPos + count);
        oldPos += count;
      }
      out.push({ count, added, removed, value });
    }
    return out;
  };

  // Edit length 0: the common start.
  const o0 = extractCommon(0, -1, -1);
  if (o0 + 1 >= oldLen && o0 + 1 >= newLen) return build(pathLast[offset]!);
  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    // The bounds are read again each step, as jsdiff's loop does: they may tighten within it.
    for (
      let k = Math.max(minDiagonal, -editLength);
      k <= Math.min(maxDiagonal, editLength);
      k += 2
    ) {
      const removeOld = pathOld[k - 1 + offset]!;
      const removeLast = pathLast[k - 1 + offset]!;
      const addOld = pathOld[k + 1 + offset]!;
      const addLast = pathLast[k + 1 + offset]!;
      const hasRemove = removeOld !== -2;
      const hasAdd = addOld !== -2;
      if (hasRemove) pathOld[k - 1 + offset] = -2;
      let canAdd = false;
      if (hasAdd) {
        const addNewPos = addOld - k;
        canAdd = 0 <= addNewPos && addNewPos < newLen;
      }
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        pathOld[k + offset] = -2;
        continue;
      }
      let o: number;
      if (!canRemove || (canAdd && removeOld < addOld))
        o = extractCommon(k, addOld, extend(addLast, ADDED));
      else o = extractCommon(k, removeOld + 1, extend(removeLast, REMOVED));
      const newPos = o - k;
      if (o + 1 >= oldLen && newPos + 1 >= newLen) return build(pathLast[k + offset]!);
      if (o + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, k - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, k + 1);
    }
  }
  // Unreachable: an edit script of oldLen + newLen steps always exists.
  throw new Error('diffWords: no edit script found');
}
