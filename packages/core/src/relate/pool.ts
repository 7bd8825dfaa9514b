/**
 * The align stage on every core (issue 10): candidate pairs are independent,
 * so their alignments and derivation features ({@link judgePair}) are worked
 * out in a piscina pool of worker threads, in chunks, and the verdicts are
 * then drawn on the calling thread by relateJudged in the serial order. The
 * result is the same, bit for bit, as relate()'s: the workers run the same
 * pure code over the same plain data.
 *
 * Each worker receives every story a pair names once, as plain data (texts,
 * vectors, facts), and rebuilds its lexical features itself: functions and
 * class instances do not cross threads. A small corpus, a query, or a run
 * from sources (vitest, no compiled worker file) stays on the calling thread.
 *
 * Test hook: `STEMMA_TEST_POOL_MIN_PAIRS=<n>` replaces the default least
 * number of pairs worth a pool (set only by the pool's tests, to put a small
 * corpus through the workers or keep a large one in-thread).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { judgePair, type JudgeOptions, type PairJudgement } from './judge.js';
import { fromPlainInput, type PlainRelateInput, type PlainRelateStory } from './relate-input.js';
import { corpusIndexes, judgeSetup, pairsToAlign, relateJudged } from './relate.js';
import type { RelateOptions, RelateResult } from './types.js';

const WORKER_URL = new URL('./pair-worker.js', import.meta.url);

/** Most worker threads used, whatever the machine. */
const MAX_THREADS = 4;

/**
 * Fewest pairs worth a pool: starting the workers (each loads its modules,
 * receives the stories and computes their features again) costs about a
 * second of CPU per worker, so small corpora and queries stay in-thread.
 * Not a measured break-even: on the shared 2-core machine the pool was tried
 * on, it did not pay even at the bench's 3,500 pairs (README, Performance).
 */
export const POOL_MIN_PAIRS = 400;

/** Pairs sent to a worker at once: enough to hide the message's cost, few enough to share the work evenly. */
const CHUNK_PAIRS = 16;

/** What each worker of the pool starts with (structured-clone safe). */
export interface PoolSetup {
  readonly stories: readonly PlainRelateStory[];
  /** The encoder's vocabulary in rank order, or null when it has none. */
  readonly vocabulary: readonly string[] | null;
  readonly judging: JudgeOptions;
}

/** The relate input as plain data, with what cannot be cloned given beside it. */
export interface PoolRelateInput {
  readonly plain: PlainRelateInput;
  /** Collapsed identical copies: member → representative (see RelateInput.copyOf). */
  readonly copyOf?: ReadonlyMap<string, string>;
  /** The encoder's word rank, when it has one. */
  readonly rank?: (word: string) => number | undefined;
  /** The words `rank` knows, in rank order (Encoder.vocabulary); without it a ranked corpus stays in-thread. */
  readonly vocabulary?: () => readonly string[];
}

export interface RelatePoolOptions extends RelateOptions {
  /** Worker threads (default: the machine's available parallelism, at most 4); below 2, none. */
  readonly threads?: number;
  /** Fewest candidate pairs worth starting the pool for (default {@link POOL_MIN_PAIRS}). */
  readonly minPairs?: number;
  /** Align on the calling thread whatever the corpus (a query's few pages). */
  readonly inThread?: boolean;
}

/** The test hook's least number of pairs for a pool, when set. */
function testMinPairs(): number | undefined {
  const spec = process.env['STEMMA_TEST_POOL_MIN_PAIRS'];
  const n = spec === undefined || spec === '' ? NaN : Number(spec);
  return n >= 0 ? n : undefined;
}

/**
 * {@link relate} over plain data, with the pairs' alignments and features
 * worked out in a pool of worker threads when there are enough of them.
 * `onProgress` counts pairs as their chunks come back. The pool is closed
 * before this returns or throws.
 * @throws RangeError when a candidate names an unknown story.
 * @throws Error naming the align stage's worker when a worker fails (its error as `cause`).
 */
export async function relateInPool(
  input: PoolRelateInput,
  options: RelatePoolOptions = {},
): Promise<RelateResult> {
  const related = {
    ...fromPlainInput(input.plain, input.rank),
    ...(input.copyOf ? { copyOf: input.copyOf } : {}),
  };
  const { model, judging } = judgeSetup(options);
  const threads = Math.min(options.threads ?? availableParallelism(), MAX_THREADS);
  // The workers start before the pairs are chosen, while the corpus-wide
  // indexes keep the calling thread busy: whether to start them is read from
  // the index's candidates, which most of the chosen pairs are.
  const pooled =
    options.inThread !== true &&
    threads >= 2 &&
    input.plain.candidates.length >= (options.minPairs ?? testMinPairs() ?? POOL_MIN_PAIRS) &&
    (input.rank === undefined || input.vocabulary !== undefined) &&
    existsSync(fileURLToPath(WORKER_URL));
  const pool = pooled
    ? startPool(
        {
          stories: input.plain.stories,
          vocabulary: input.rank && input.vocabulary ? input.vocabulary() : null,
          judging,
        },
        threads,
      )
    : null;
  let judged: PairJudgement[];
  let prepared: Parameters<typeof relateJudged>[2];
  try {
    const corpus = corpusIndexes(related);
    prepared = { model, corpus, toAlign: pairsToAlign(related, corpus) };
    if (!pool) return relateJudged(related, options, prepared, (a, b) => judgePair(a, b, judging));
    for (const [x, y] of prepared.toAlign)
      if (!related.stories.has(x) || !related.stories.has(y))
        throw new RangeError(`candidate pair ${x}/${y} names an unknown story`);
    judged = await judgeInPool(pool, prepared.toAlign, options.onProgress);
  } finally {
    await pool?.destroy();
  }
  // Progress was counted as the chunks came back.
  return relateJudged(
    related,
    { ...options, onProgress: undefined },
    prepared,
    (_a, _b, k) => judged[k]!,
  );
}

/** A started pool, and a promise that rejects when a worker fails outside a task. */
interface PairPool {
  readonly piscina: Piscina<readonly (readonly [string, string])[], PairJudgement[]>;
  readonly failed: Promise<never>;
  destroy(): Promise<void>;
}

/** Starts `threads` workers of the align stage, each receiving `setup` once. */
function startPool(setup: PoolSetup, threads: number): PairPool {
  const piscina = new Piscina<readonly (readonly [string, string])[], PairJudgement[]>({
    filename: WORKER_URL.href,
    minThreads: threads,
    maxThreads: threads,
    workerData: setup,
  });
  // A worker failing while no task is on it (its start, before the pairs
  // are chosen) is an 'error' event, after which piscina starts no more
  // workers: the tasks would wait for ever, so the run fails with it.
  const failed = new Promise<never>((_resolve, reject) => piscina.on('error', reject));
  failed.catch(() => {});
  return { piscina, failed, destroy: () => piscina.destroy() };
}

/**
 * Judges `pairs` in the pool, chunk by chunk; the judgements come back in
 * the pairs' order.
 * @throws Error naming the align stage's worker when a worker fails.
 */
async function judgeInPool(
  pool: PairPool,
  pairs: readonly (readonly [string, string])[],
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<PairJudgement[]> {
  // Chunks hold pairs of one family of stories where they can: a worker
  // computes the features of each story it meets once, so the fewer stories
  // a worker meets the less of that work is done twice. The judgements go
  // back to the pairs' own places.
  const order = byComponent(pairs);
  const judged: PairJudgement[] = new Array<PairJudgement>(pairs.length);
  let done = 0;
  const all = Promise.all(
    Array.from({ length: Math.ceil(order.length / CHUNK_PAIRS) }, async (_, c) => {
      const slots = order.slice(c * CHUNK_PAIRS, (c + 1) * CHUNK_PAIRS);
      const chunk = slots.map((k) => pairs[k]!);
      try {
        const results = await pool.piscina.run(chunk);
        slots.forEach((k, i) => (judged[k] = results[i]!));
        onProgress?.((done += chunk.length), pairs.length);
      } catch (error) {
        const [x, y] = chunk[0]!;
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(
          `align stage: a worker failed on the ${chunk.length} pairs from ${x}/${y}: ${detail}`,
          { cause: error },
        );
      }
    }),
  );
  const started = pool.failed.catch((error: unknown) => {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`align stage: a worker failed to start: ${detail}`, { cause: error });
  });
  await Promise.race([all, started]);
  return judged;
}

/**
 * The pairs' indices, those of one connected group of stories together
 * (groups in the order their first pair comes, pairs in their own order
 * within a group).
 * @throws never.
 */
export function byComponent(pairs: readonly (readonly [string, string])[]): number[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== undefined && parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later finds short.
    for (let y = x; y !== root;) {
      const next = parent.get(y)!;
      parent.set(y, root);
      y = next;
    }
    return root;
  };
  for (const [x, y] of pairs) {
    if (!parent.has(x)) parent.set(x, x);
    if (!parent.has(y)) parent.set(y, y);
    const rx = find(x);
    const ry = find(y);
    if (rx !== ry) parent.set(ry, rx);
  }
  const groups = new Map<string, number[]>();
  pairs.forEach(([x], k) => {
    const root = find(x);
    const group = groups.get(root);
    if (group) group.push(k);
    else groups.set(root, [k]);
  });
  return [...groups.values()].flat();
}
