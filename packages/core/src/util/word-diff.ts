/**
 * `diffArrays` of the `diff` package (v9, default options) over arrays of
 * words, step for step, with its paths and change components held in typed
 * arrays instead of an object each. The lineage collates every pair of a
 * family's texts word by word, and the objects jsdiff makes per step were
 * most of that time (and of its garbage collection). The result is the same
 * list of changes, the same ties broken the same way: the search below is
 * jsdiff's (base.js `diffWithOptionsObj`, `addToPath`, `extractCommon`,
 * `buildValues`) with nothing left out or reordered; a test compares the two
 * on random and real word lists.
 */

import type { ArrayChange } from 'diff';

/** Kinds of change component. */
const COMMON = 0;
const ADDED = 1;
const REMOVED = 2;

/**
 * Change components, appended and never changed within one diff: count,
 * kind, previous (−1 for none). One set of arrays serves every diff (a diff
 * runs start to end without yielding): the lineage and the kind test make
 * many small diffs, and allocating typed arrays for each cost more than the
 * diffs (0.5 s of 1.9 s on the scale bench's 1,000 added articles).
 */
class Components {
  count = new Int32Array(1024);
  kind = new Uint8Array(1024);
  previous = new Int32Array(1024);
  size = 0;

  add(count: number, kind: number, previous: number): number {
    if (this.size === this.count.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.count = grow(this.count, (n) => new Int32Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.previous = grow(this.previous, (n) => new Int32Array(n));
    }
    this.count[this.size] = count;
    this.kind[this.size] = kind;
    this.previous[this.size] = previous;
    return this.size++;
  }
}

const parts = new Components();

/** The paths' arrays (see {@link diffWords}), shared as the components are, grown to the largest diff. */
let live = new Uint8Array(1024);
let pathOld = new Int32Array(1024);
let pathLast = new Int32Array(1024);

/**
 * The changes turning `oldWords` into `newWords`: what `diffArrays(oldWords,
 * newWords)` returns, as far as `count`, `added`, `removed` and `value` go.
 * @throws never.
 */
export function diffWords(
  oldWords: readonly string[],
  newWords: readonly string[],
): ArrayChange<string>[] {
  const oldLen = oldWords.length;
  const newLen = newWords.length;
  const maxEditLength = newLen + oldLen;
  parts.size = 0;
  // The best path per diagonal (jsdiff's `bestPath`, indexed from −max to
  // +max): whether there is one, its position in the old words, its last component.
  const offset = maxEditLength + 1;
  const slots = 2 * offset + 1;
  if (live.length < slots) {
    live = new Uint8Array(slots);
    pathOld = new Int32Array(slots);
    pathLast = new Int32Array(slots);
  } else live.fill(0, 0, slots);

  /** jsdiff's `extractCommon`: follows the diagonal's snake; returns its new position in the new words. */
  const extractCommon = (slot: number, diagonal: number): number => {
    let oldPos = pathOld[slot]!;
    let newPos = oldPos - diagonal;
    let common = 0;
    while (
      newPos + 1 < newLen &&
      oldPos + 1 < oldLen &&
      oldWords[oldPos + 1] === newWords[newPos + 1]
    ) {
      newPos++;
      oldPos++;
      common++;
    }
    if (common > 0) pathLast[slot] = parts.add(common, COMMON, pathLast[slot]!);
    pathOld[slot] = oldPos;
    return newPos;
  };

  /** jsdiff's `buildValues`. */
  const build = (last: number): ArrayChange<string>[] => {
    const order: number[] = [];
    for (let c = last; c >= 0; c = parts.previous[c]!) order.push(c);
    order.reverse();
    const out: ArrayChange<string>[] = [];
    let newPos = 0;
    let oldPos = 0;
    for (const c of order) {
      const count = parts.count[c]!;
      const kind = parts.kind[c]!;
      const added = kind === ADDED;
      const removed = kind === REMOVED;
      if (!removed) {
        out.push({ count, added, removed, value: newWords.slice(newPos, newPos + count) });
        newPos += count;
        if (!added) oldPos += count;
      } else {
        out.push({ count, added, removed, value: oldWords.slice(oldPos, oldPos + count) });
        oldPos += count;
      }
    }
    return out;
  };

  // Seed: the words both start with.
  live[offset] = 1;
  pathOld[offset] = -1;
  pathLast[offset] = -1;
  let newPos = extractCommon(offset, 0);
  if (pathOld[offset]! + 1 >= oldLen && newPos + 1 >= newLen) return build(pathLast[offset]!);

  let minDiagonal = -Infinity;
  let maxDiagonal = Infinity;
  for (let editLength = 1; editLength <= maxEditLength; editLength++) {
    for (
      let diagonal = Math.max(minDiagonal, -editLength);
      diagonal <= Math.min(maxDiagonal, editLength);
      diagonal += 2
    ) {
      const slot = offset + diagonal;
      const hasRemove = live[slot - 1] === 1;
      const hasAdd = live[slot + 1] === 1;
      const removeOld = pathOld[slot - 1]!;
      const removeLast = pathLast[slot - 1]!;
      const addOld = pathOld[slot + 1]!;
      const addLast = pathLast[slot + 1]!;
      // No one else is going to use it (jsdiff clears it too).
      if (hasRemove) live[slot - 1] = 0;
      let canAdd = false;
      if (hasAdd) {
        const addNewPos = addOld - diagonal;
        canAdd = addNewPos >= 0 && addNewPos < newLen;
      }
      const canRemove = hasRemove && removeOld + 1 < oldLen;
      if (!canAdd && !canRemove) {
        live[slot] = 0;
        continue;
      }
      // jsdiff's `addToPath`: the same kind as the last component extends it (a new component).
      let base: number;
      let kind: number;
      let oldPos: number;
      if (!canRemove || (canAdd && removeOld < addOld)) {
        base = addLast;
        kind = ADDED;
        oldPos = addOld;
      } else {
        base = removeLast;
        kind = REMOVED;
        oldPos = removeOld + 1;
      }
      const last =
        base >= 0 && parts.kind[base] === kind
          ? parts.add(parts.count[base]! + 1, kind, parts.previous[base]!)
          : parts.add(1, kind, base);
      pathOld[slot] = oldPos;
      pathLast[slot] = last;
      newPos = extractCommon(slot, diagonal);
      if (pathOld[slot]! + 1 >= oldLen && newPos + 1 >= newLen) return build(pathLast[slot]!);
      live[slot] = 1;
      if (pathOld[slot]! + 1 >= oldLen) maxDiagonal = Math.min(maxDiagonal, diagonal - 1);
      if (newPos + 1 >= newLen) minDiagonal = Math.max(minDiagonal, diagonal + 1);
    }
  }
  // Never reached: an edit script of oldLen + newLen edits always exists.
  return build(-1);
}
