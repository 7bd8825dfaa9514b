/**
 * Candidate story pairs: which stories have paragraphs close enough to be
 * worth aligning. Each paragraph asks the HNSW index for its k nearest
 * paragraphs in other documents (a page does not copy itself, so neither the
 * same story nor other stories of the same page count); the hits above a
 * cosine floor are grouped by unordered story pair. Work is O(n·k·log n),
 * never all pairs.
 */

import { CoreError } from '../errors.js';
import { pairKey } from '../util/pair-key.js';
import { neighbourIndex } from './exact.js';
import type {
  CandidateOptions,
  NeighbourIndex,
  ParagraphMatch,
  ParagraphOwner,
  StoryCandidate,
} from './types.js';

export interface CandidateInput {
  /** Row-major n×d paragraph vectors (L2-normalised; zero rows are skipped). */
  readonly vectors: Float32Array;
  readonly dimensions: number;
  /** Owner of each row, same order as the rows. */
  readonly owners: readonly ParagraphOwner[];
}

/** Per-row facts the neighbour filter needs. */
interface Rows {
  readonly docOf: Int32Array;
  /** 1 for rows without words (zero vectors). */
  readonly empty: Uint8Array;
}

/** Extra unfiltered neighbours fetched to make room for same-document hits before falling back to a filtered search. */
const SAME_DOC_SLACK = 16;

/**
 * Finds candidate story pairs from paragraph vectors.
 * @returns pairs ordered by hits, then best similarity, then ids.
 * @throws {CoreError} INVALID_OPTION when rows and owners disagree, options are
 *   out of range, or a given index does not cover exactly these rows.
 */
export function findCandidates(
  input: CandidateInput,
  opts: CandidateOptions = {},
): readonly StoryCandidate[] {
  const { vectors, dimensions: d, owners } = input;
  const n = owners.length;
  if (!Number.isInteger(d) || d <= 0 || vectors.length !== n * d) {
    throw new CoreError(
      'INVALID_OPTION',
      'vectors',
      `${vectors.length} values for ${n} paragraphs of ${d} dimensions`,
    );
  }
  const k = opts.k ?? 12;
  const floor = opts.minSimilarity ?? 0.5;
  if (!Number.isInteger(k) || k <= 0)
    throw new CoreError('INVALID_OPTION', 'k', `must be a positive integer, got ${k}`);
  if (!(floor >= -1 && floor <= 1))
    throw new CoreError('INVALID_OPTION', 'minSimilarity', `must be in [-1, 1], got ${floor}`);
  const ef = opts.ef ?? Math.max(64, 4 * k);
  if (opts.index) checkIndex(opts.index, n, d);

  // Integer document ids and per-document sizes for a fast filter.
  const docIds = new Map<string, number>();
  const docOf = new Int32Array(n);
  const docSize: number[] = [];
  owners.forEach((o, i) => {
    let id = docIds.get(o.docId);
    if (id === undefined) {
      id = docIds.size;
      docIds.set(o.docId, id);
      docSize.push(0);
    }
    docOf[i] = id;
    docSize[id] = (docSize[id] as number) + 1;
  });

  // Rows without words have no direction: they neither ask nor answer.
  const empty = new Uint8Array(n);
  for (let i = 0; i < n; i++)
    if (vectors.subarray(i * d, (i + 1) * d).every((x) => x === 0)) empty[i] = 1;
  const rowFacts: Rows = { docOf, empty };

  // Rows with words per document: a row whose document holds every such row
  // has no neighbour to find, and a filtered search for one would visit the
  // whole index (a 10 000-paragraph page alone: 30 s, quadratic).
  const withWords: number[] = docSize.map(() => 0);
  let allWithWords = 0;
  for (let i = 0; i < n; i++)
    if (empty[i] === 0) {
      withWords[docOf[i] as number]! += 1;
      allWithWords++;
    }

  // A row finds neighbours only in other documents: with fewer than two
  // documents holding rows with words, no pair can come out, and building
  // the index would be the whole stage's cost (100 000 paragraphs of one
  // page: over 20 s) for nothing.
  if (withWords.filter((w) => w > 0).length < 2) {
    opts.onProgress?.(2 * n, 2 * n);
    return [];
  }
  const index =
    opts.index ??
    neighbourIndex(vectors, {
      ...opts.build,
      dimensions: d,
      ...(opts.onProgress === undefined
        ? {}
        : { onProgress: (done: number) => opts.onProgress?.(done, 2 * n) }),
    });

  // The rows with words outside a document, as their own index, for a
  // document with fewer of them than a search's beam (see nearestInOtherDocs).
  const outsideIndexes = new Map<number, OutsideIndex>();
  const outsideOf = (doc: number): OutsideIndex => {
    let found = outsideIndexes.get(doc);
    if (found === undefined) {
      const labels: number[] = [];
      for (let j = 0; j < n; j++) if (docOf[j] !== doc && empty[j] === 0) labels.push(j);
      const rows = new Float32Array(labels.length * d);
      labels.forEach((j, r) => rows.set(vectors.subarray(j * d, (j + 1) * d), r * d));
      found = { index: neighbourIndex(rows, { ...opts.build, dimensions: d }), labels };
      outsideIndexes.set(doc, found);
    }
    return found;
  };

  // Distinct paragraph pairs i < j → similarity.
  const pairs = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    if (empty[i] === 1) continue;
    const q = vectors.subarray(i * d, (i + 1) * d);
    const doc = docOf[i] as number;
    if (withWords[doc] === allWithWords) continue;
    const others = nearestInOtherDocs(
      index,
      q,
      doc,
      rowFacts,
      {
        sameDocRows: docSize[doc] as number,
        outsideRows: allWithWords - (withWords[doc] as number),
        outside: () => outsideOf(doc),
      },
      k,
      ef,
      floor,
    );
    for (const [j, sim] of others) {
      const key = i < j ? i * n + j : j * n + i;
      const prev = pairs.get(key);
      if (prev === undefined || sim > prev) pairs.set(key, sim);
    }
    if ((i + 1) % 1000 === 0) opts.onProgress?.(n + i + 1, 2 * n);
  }
  opts.onProgress?.(2 * n, 2 * n);

  const byStories = new Map<string, { a: string; b: string; matches: ParagraphMatch[] }>();
  for (const [key, similarity] of pairs) {
    const i = Math.floor(key / n);
    const j = key - i * n;
    const si = (owners[i] as ParagraphOwner).storyId;
    const sj = (owners[j] as ParagraphOwner).storyId;
    const [a, b, ra, rb] = si < sj ? [si, sj, i, j] : [sj, si, j, i];
    const storyKey = `${a}\u0000${b}`;
    let group = byStories.get(storyKey);
    if (group === undefined) {
      group = { a, b, matches: [] };
      byStories.set(storyKey, group);
    }
    group.matches.push({ a: ra, b: rb, similarity });
  }

  const out: StoryCandidate[] = [];
  for (const { a, b, matches } of byStories.values()) {
    matches.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
    const sum = matches.reduce((s, m) => s + m.similarity, 0);
    out.push({
      a,
      b,
      hits: matches.length,
      maxSimilarity: (matches[0] as ParagraphMatch).similarity,
      meanSimilarity: sum / matches.length,
      matches,
    });
  }
  out.sort(
    (x, y) =>
      y.hits - x.hits ||
      y.maxSimilarity - x.maxSimilarity ||
      (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0),
  );
  return out;
}

/** @throws {CoreError} INVALID_OPTION when the index does not cover exactly n rows of d dimensions. */
function checkIndex(index: NeighbourIndex, n: number, d: number): void {
  if (index.size !== n || index.dimensions !== d) {
    throw new CoreError(
      'INVALID_OPTION',
      'index',
      `covers ${index.size}×${index.dimensions}, input is ${n}×${d}`,
    );
  }
}

/** An index of the rows with words outside one document; `labels[r]` is row r's label in the whole index. */
interface OutsideIndex {
  readonly index: NeighbourIndex;
  readonly labels: readonly number[];
}

/** What {@link nearestInOtherDocs} knows of the query row's document. */
interface QueryDoc {
  /** Rows of the document (with or without words). */
  readonly sameDocRows: number;
  /** Rows with words in all other documents. */
  readonly outsideRows: number;
  /** Those rows as their own index (built on first use). */
  readonly outside: () => OutsideIndex;
}

/**
 * Up to k neighbours of q in other documents with similarity ≥ floor. First
 * an unfiltered search with room for same-document rows (cheap, no JS
 * callbacks); only if that came back short while still above the floor is the
 * search repeated with a document filter. A filtered search that finds fewer
 * rows passing it than its beam holds visits every row of the index before
 * it stops: when the other documents hold fewer rows than that (one long
 * page and a short one: quadratic), the index of those rows alone is
 * searched instead, which finds the same rows at the same similarities.
 */
function nearestInOtherDocs(
  index: NeighbourIndex,
  q: Float32Array,
  doc: number,
  rows: Rows,
  query: QueryDoc,
  k: number,
  ef: number,
  floor: number,
): [number, number][] {
  const want = Math.min(index.size, k + Math.min(query.sameDocRows, SAME_DOC_SLACK));
  const first = index.search(q, { k: want, ef: Math.max(ef, want) });
  const picked = collect(first.labels, first.similarities, doc, rows, k, floor);
  const last = first.similarities[first.similarities.length - 1];
  const truncated = first.labels.length === want && last !== undefined && last >= floor;
  if (picked.length >= k || !truncated || want === index.size) return picked;
  if (query.outsideRows < Math.max(k, ef)) {
    const outside = query.outside();
    const found = outside.index.search(q, { k, ef });
    const labels = found.labels.map((r) => outside.labels[r] as number);
    return collect(labels, found.similarities, doc, rows, k, floor);
  }
  const second = index.search(q, {
    k,
    ef,
    filter: (label) => rows.docOf[label] !== doc && rows.empty[label] === 0,
  });
  return collect(second.labels, second.similarities, doc, rows, k, floor);
}

function collect(
  labels: readonly number[],
  sims: readonly number[],
  doc: number,
  rows: Rows,
  k: number,
  floor: number,
): [number, number][] {
  const out: [number, number][] = [];
  for (let t = 0; t < labels.length && out.length < k; t++) {
    const j = labels[t] as number;
    const s = sims[t] as number;
    if (rows.docOf[j] !== doc && rows.empty[j] === 0 && s >= floor) out.push([j, s]);
  }
  return out;
}

/**
 * Keeps, for every story, only its `maxPartners` strongest candidates (a pair
 * stays when it is among the strongest of either story). Bounds the alignment
 * work at O(stories × maxPartners) however many stories share an event's
 * vocabulary. Input order (strongest first) is kept.
 */
export function capPartners(
  candidates: readonly StoryCandidate[],
  maxPartners: number,
): StoryCandidate[] {
  const count = new Map<string, number>();
  const out: StoryCandidate[] = [];
  for (const c of candidates) {
    const na = count.get(c.a) ?? 0;
    const nb = count.get(c.b) ?? 0;
    if (na >= maxPartners && nb >= maxPartners) continue;
    count.set(c.a, na + 1);
    count.set(c.b, nb + 1);
    out.push(c);
  }
  return out;
}

/**
 * Candidate lists from several sources as one, each unordered pair once:
 * every pair of the first list in its order, then the new pairs of the next.
 * @throws never.
 */
export function mergeCandidates(
  ...lists: readonly (readonly { readonly a: string; readonly b: string }[])[]
): { readonly a: string; readonly b: string }[] {
  const seen = new Set<string>();
  const out: { readonly a: string; readonly b: string }[] = [];
  for (const list of lists) {
    for (const c of list) {
      const key = pairKey(c.a, c.b);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(c);
    }
  }
  return out;
}

/**
 * The index stage: candidate story pairs from paragraph neighbours, each
 * story keeping its `maxPartners` strongest partners.
 * @throws CoreError INVALID_OPTION when the vectors do not match the owners.
 */
export function storyCandidates(
  input: CandidateInput,
  options: CandidateOptions & { readonly maxPartners: number },
): StoryCandidate[] {
  return capPartners(findCandidates(input, options), options.maxPartners);
}
