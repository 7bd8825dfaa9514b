/**
 * Order-aware paragraph alignment of two stories. A copy keeps its source's
 * paragraph order, give or take a moved paragraph, while two independent
 * reports of one event share facts in any order. So the alignment is first a
 * monotone path (weighted LCS over the paragraph similarity matrix), then a
 * stricter pass for paragraphs that moved.
 */

import { rowDot } from '../util/vector.js';
import { containment, lexicalOutsideQuotes, lexicalSimilarity, wordingKept } from './features.js';
import type {
  AlignOptions,
  ParagraphFeatures,
  ParagraphMatch,
  StoryAlignment,
  StoryView,
} from './types.js';

/**
 * True when paragraph x reads as a piece of paragraph y: most of its words
 * (at least five distinct ones) stand in y. Vectors are not asked: a half
 * paragraph's average points away from the whole's.
 */
function isPartOf(x: ParagraphFeatures, y: ParagraphFeatures): boolean {
  return x.unigrams.length >= 5 && containment(x, y) >= 0.6;
}

/** Share of the words of `units` that stand in the units numbered in `used`. */
function wordShare(units: readonly ParagraphFeatures[], used: ReadonlySet<number>): number {
  let all = 0;
  let hit = 0;
  units.forEach((u, k) => {
    all += u.words.length;
    if (used.has(k)) hit += u.words.length;
  });
  return all === 0 ? 0 : hit / all;
}

function cosineRows(a: StoryView, i: number, b: StoryView, j: number): number {
  const d = a.dimensions;
  if (d !== b.dimensions) throw new RangeError(`vector length mismatch: ${d} vs ${b.dimensions}`);
  return Math.max(-1, Math.min(1, rowDot(a.vectors, i, b.vectors, j, d)));
}

/**
 * Aligns the paragraphs of two stories.
 * @throws RangeError when the two stories' vectors differ in length.
 */
export function alignStories(
  a: StoryView,
  b: StoryView,
  options: AlignOptions = {},
): StoryAlignment {
  const tau = options.threshold ?? 0.55;
  const tauMove = options.moveThreshold ?? tau + 0.15;
  const ws = options.semanticWeight ?? 0.6;
  const m = a.units.length;
  const n = b.units.length;

  // Similarity matrices; stories are short (tens of sentences), and only
  // candidate pairs from the ANN index ever get here. The word-overlap part
  // of a cell is computed only where the cell could reach a threshold: with
  // the overlap at its maximum of 1 the score is ws·semantic + (1 − ws).
  type Cell = {
    semantic: number;
    lexical: number;
    lexicalOutside: number;
    wording: number;
    score: number;
  };
  const floor = Math.min(tau, tauMove);
  const detail = (i: number, j: number, semantic: number): Cell => {
    const pa = a.units[i]!;
    const pb = b.units[j]!;
    const lexical = lexicalSimilarity(pa, pb);
    const lexicalOutside = lexicalOutsideQuotes(pa, pb);
    const wording = wordingKept(pa, pb);
    // Quotations count fully only when the text around them is shared too.
    const score = ws * semantic + (1 - ws) * Math.max(lexicalOutside, lexical * lexicalOutside);
    return { semantic, lexical, lexicalOutside, wording, score };
  };
  // The cells as flat arrays: the semantic part and the score of every cell,
  // and the cells whose word overlap was computed, in one object each (a
  // query's pairs built tens of thousands of cell objects, most pruned).
  const semantics = new Float64Array(m * n);
  const scores = new Float64Array(m * n);
  const computed: (Cell | undefined)[] = new Array<Cell | undefined>(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const k = i * n + j;
      const semantic = Math.max(0, cosineRows(a, i, b, j));
      semantics[k] = semantic;
      if (ws * semantic + (1 - ws) < floor) scores[k] = ws * semantic;
      else scores[k] = (computed[k] = detail(i, j, semantic)).score;
    }
  }
  /** A cell as it stands: pruned ones with their word overlap not a number. */
  const cell = (i: number, j: number): Cell => {
    const k = i * n + j;
    return (
      computed[k] ?? {
        semantic: semantics[k]!,
        lexical: NaN,
        lexicalOutside: NaN,
        wording: NaN,
        score: scores[k]!,
      }
    );
  };
  /** A cell with every figure computed (split and merged units may use a pruned one). */
  const full = (i: number, j: number): Cell => {
    const k = i * n + j;
    if (computed[k] === undefined) {
      computed[k] = detail(i, j, semantics[k]!);
      scores[k] = computed[k].score;
    }
    return computed[k];
  };

  // Weighted LCS: D[i][j] = best total gain aligning a[0..i) with b[0..j).
  const D: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  for (let i = 1; i <= m; i++) {
    const row = D[i]!;
    const prev = D[i - 1]!;
    for (let j = 1; j <= n; j++) {
      const gain = scores[(i - 1) * n + j - 1]! - tau;
      let best = Math.max(prev[j]!, row[j - 1]!);
      if (gain > 0) best = Math.max(best, prev[j - 1]! + gain);
      row[j] = best;
    }
  }
  const matches: ParagraphMatch[] = [];
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  for (let i = m, j = n; i > 0 && j > 0;) {
    const here = D[i]![j]!;
    const gain = scores[(i - 1) * n + j - 1]! - tau;
    if (gain > 0 && Math.abs(here - (D[i - 1]![j - 1]! + gain)) < 1e-12) {
      matches.push({ a: i - 1, b: j - 1, ...cell(i - 1, j - 1), inOrder: true });
      usedA.add(i - 1);
      usedB.add(j - 1);
      i--;
      j--;
    } else if (here === D[i - 1]![j]!) i--;
    else j--;
  }
  matches.reverse();

  // Moved paragraphs: unaligned on both sides, mutual best match, stricter threshold.
  for (let i = 0; i < m; i++) {
    if (usedA.has(i)) continue;
    let bestJ = -1;
    let bestScore = tauMove;
    for (let j = 0; j < n; j++) {
      if (usedB.has(j)) continue;
      const s = scores[i * n + j]!;
      if (s > bestScore) {
        bestScore = s;
        bestJ = j;
      }
    }
    if (bestJ < 0) continue;
    let mutual = true;
    for (let i2 = 0; i2 < m; i2++) {
      if (i2 !== i && !usedA.has(i2) && scores[i2 * n + bestJ]! > bestScore) mutual = false;
    }
    if (!mutual) continue;
    matches.push({ a: i, b: bestJ, ...cell(i, bestJ), inOrder: false });
    usedA.add(i);
    usedB.add(bestJ);
  }
  // Split and merged paragraphs: a copy often breaks one paragraph in two or
  // joins two. An unaligned paragraph whose words sit inside the paragraph its
  // neighbour aligned with is part of that paragraph.
  const neighbourMatches = (side: 'a' | 'b', k: number) =>
    matches.filter(
      (x) => (side === 'b' ? x.b : x.a) === k - 1 || (side === 'b' ? x.b : x.a) === k + 1,
    );
  for (let j = 0; j < n; j++) {
    if (usedB.has(j)) continue;
    for (const nb of neighbourMatches('b', j)) {
      if (isPartOf(b.units[j]!, a.units[nb.a]!)) {
        const c = full(nb.a, j);
        matches.push({
          a: nb.a,
          b: j,
          ...c,
          lexical: containment(b.units[j]!, a.units[nb.a]!),
          inOrder: nb.inOrder,
        });
        usedB.add(j);
        break;
      }
    }
  }
  for (let i = 0; i < m; i++) {
    if (usedA.has(i)) continue;
    for (const nb of neighbourMatches('a', i)) {
      if (isPartOf(a.units[i]!, b.units[nb.b]!)) {
        const c = full(i, nb.b);
        matches.push({
          a: i,
          b: nb.b,
          ...c,
          lexical: containment(a.units[i]!, b.units[nb.b]!),
          inOrder: nb.inOrder,
        });
        usedA.add(i);
        break;
      }
    }
  }
  matches.sort((x, y) => x.b - y.b || x.a - y.a);

  const inOrder = matches.filter((x) => x.inOrder).length;
  return {
    a: a.id,
    b: b.id,
    matches,
    coverageA: wordShare(a.units, usedA),
    coverageB: wordShare(b.units, usedB),
    inOrderShare: matches.length === 0 ? 0 : inOrder / matches.length,
  };
}
