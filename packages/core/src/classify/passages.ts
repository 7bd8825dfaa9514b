/**
 * Reused passages between two token sequences, found the way passim finds
 * them: exact runs of shared seeds (n-grams of tokens, each at most
 * `maxRepeats` times in the other text) chained in order across small gaps
 * (rewritten or dropped tokens between them), kept when they span enough of
 * both texts. Tokens are 32-bit codes: word hashes, or character codes for
 * scripts without spaces. The derivation features (derivation-features.ts)
 * and the extent measures (extent.ts) both read passages from here.
 */

/** FNV-1a: n-grams and words are kept as 32-bit hashes, not strings (derivation-features.ts says why). */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * Hash of the n-gram of `c` starting at `i`, cut to 31 bits so that V8
 * keeps it as a small integer (no heap number per n-gram).
 * @throws never.
 */
export function gramAt(c: Int32Array, i: number, n: number): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < n; k++) h = Math.imul(h ^ c[i + k]!, FNV_PRIME);
  return h >>> 1;
}

/**
 * FNV-1a hash of one string (a word), as a token code.
 * @throws never.
 */
export function wordCode(w: string): number {
  let h = FNV_OFFSET;
  for (let k = 0; k < w.length; k++) h = Math.imul(h ^ w.charCodeAt(k), FNV_PRIME);
  return h | 0;
}

/** A sequence's seeds and where each stands. */
export interface SeedIndex {
  /** The seed (its hash) starting at each position. */
  readonly seeds: Uint32Array;
  /** Positions of each seed. */
  readonly at: ReadonlyMap<number, readonly number[]>;
  /** Length of the sequence (tokens). */
  readonly length: number;
}

/**
 * The seeds (token n-grams) of a sequence of token codes.
 * @throws never.
 */
export function buildSeedIndex(c: Int32Array, n: number): SeedIndex {
  const length = c.length;
  const seeds = new Uint32Array(Math.max(0, length - n + 1));
  const at = new Map<number, number[]>();
  for (let i = 0; i + n <= length; i++) {
    const g = gramAt(c, i, n);
    seeds[i] = g;
    const list = at.get(g);
    if (list) list.push(i);
    else at.set(g, [i]);
  }
  return { seeds, at, length };
}

/** How passages are found: seed length, largest gap chained over, shortest passage kept. */
export interface PassageParams {
  readonly n: number;
  readonly gap: number;
  readonly min: number;
  readonly maxRepeats: number;
}

/** One reused passage: token offsets [x0, x1) in the first sequence, [y0, y1) in the second. */
export interface Passage {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

/** The reused passages of two sequences and what they cover. */
export interface FoundPassages {
  /** Kept passages, by their start in the second sequence. */
  readonly passages: readonly Passage[];
  /** 1 for each token inside a passage. */
  readonly inX: Uint8Array;
  readonly inY: Uint8Array;
  /** Share of each sequence inside a passage. */
  readonly coverX: number;
  readonly coverY: number;
  /** The longest passage, in tokens of its shorter side. */
  readonly longest: number;
}

/**
 * Local alignment by seeds: exact runs on one diagonal, then runs chained
 * in order on both sides when the gap on each side is at most `gap`.
 * @throws never.
 */
export function findPassages(x: SeedIndex, y: SeedIndex, params: PassageParams): FoundPassages {
  const { n, gap, min, maxRepeats } = params;
  // Exact runs: a seed at (i, j) continues the run ending at (i − 1, j − 1).
  const runs: { i0: number; i1: number; j0: number; j1: number }[] = [];
  const open = new Map<number, number>(); // diagonal i − j → index of the run ending at j − 1
  for (let j = 0; j < y.seeds.length; j++) {
    const pos = x.at.get(y.seeds[j]!);
    if (!pos || pos.length > maxRepeats) continue;
    for (const i of pos) {
      const k = open.get(i - j);
      const r = k === undefined ? undefined : runs[k];
      if (r && r.j1 === j - 1) {
        r.i1 = i;
        r.j1 = j;
      } else {
        open.set(i - j, runs.length);
        runs.push({ i0: i, i1: i, j0: j, j1: j });
      }
    }
  }
  runs.sort((p, q) => p.j0 - q.j0 || p.i0 - q.i0);
  // Chain runs into passages: in order on both sides, small gaps.
  const chains: { i0: number; i1: number; j0: number; j1: number }[] = [];
  for (const r of runs) {
    const last = chains[chains.length - 1];
    if (
      last &&
      r.i0 > last.i0 &&
      r.j0 - (last.j1 + n) <= gap &&
      r.i0 - (last.i1 + n) <= gap &&
      r.i0 >= last.i1 - n
    ) {
      last.i1 = Math.max(last.i1, r.i1);
      last.j1 = Math.max(last.j1, r.j1);
    } else {
      chains.push({ ...r });
    }
  }
  const inX = new Uint8Array(x.length);
  const inY = new Uint8Array(y.length);
  const kept: Passage[] = [];
  let longest = 0;
  for (const c of chains) {
    const lenX = c.i1 + n - c.i0;
    const lenY = c.j1 + n - c.j0;
    if (Math.min(lenX, lenY) < min) continue;
    inX.fill(1, c.i0, c.i1 + n);
    inY.fill(1, c.j0, c.j1 + n);
    kept.push({ x0: c.i0, x1: c.i1 + n, y0: c.j0, y1: c.j1 + n });
    longest = Math.max(longest, Math.min(lenX, lenY));
  }
  const share = (v: Uint8Array) => (v.length ? v.reduce((s, b) => s + b, 0) / v.length : 0);
  return { passages: kept, inX, inY, coverX: share(inX), coverY: share(inY), longest };
}
