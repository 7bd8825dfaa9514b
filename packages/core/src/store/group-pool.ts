/**
 * Relating at write time on every core (issue 10): the groups a write
 * re-draws ({@link redrawLineage}) are independent, so each is analysed in a
 * piscina pool of worker threads, and the components they split into come
 * back to the calling thread, which stores them in its one transaction in
 * the groups' order (nothing is written from a worker, whichever finishes
 * first). Each worker builds the caller's encoder once (the same
 * {@link EncoderChoice}) and runs the same pipeline over the same pages, so
 * the components are the in-thread ones; a worker whose encoder is not the
 * caller's (another backend) sends the groups back to the calling thread.
 *
 * On by default on a machine of two cores or more: relating runs on as many
 * threads as the machine offers (`os.availableParallelism()`), the calling
 * one and n − 1 workers, at most 4 in all; `STEMMA_RELATE_THREADS=<n>` sets
 * n (1: in-thread). On an idle 2-core machine the pool added the bench's
 * 1,000 articles in 18.6 and 18.8 s against 21.7 and 26.6 s in-thread; on
 * the same machine shared with other jobs it showed no gain and cost up to
 * 20% more CPU and ~300 MiB (README, "Relating on both cores"). Test hook: `STEMMA_TEST_RELATE_MIN_PAGES=<n>` replaces the least
 * number of pages worth a pool (set only by tests, to put a small corpus
 * through the workers or keep a large one in-thread).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import type { EncoderChoice } from '../embed/index.js';
import type { StageName } from '../stages.js';
import type { EncoderInfo, IngestedDoc, SegmentedDoc } from '../types.js';
import type { ComponentInput } from './store.js';

const WORKER_URL = new URL('./group-worker.js', import.meta.url);

/** Most threads relating runs on (the calling one included), whatever the machine. */
const MAX_THREADS = 4;

/**
 * Fewest pages to relate worth a pool, when it is switched on. A worker
 * starts in about 1.5 s of CPU (its modules; the encoder alone, GloVe table
 * and TF.js backend, 0.9 s) and a group of about 2.5 pages costs about 55 ms
 * (README, "Relating on both cores"): a hundred pages give a second thread
 * about 1 s of groups. An estimate from those figures, not a measured
 * break-even.
 */
export const GROUP_POOL_MIN_PAGES = 100;

/**
 * A relating worker's old-generation limit (MiB). V8 lets a heap whose
 * limit is 2 GiB or more grow up to 4× what it keeps alive before
 * collecting it, one below that at most 1.3–2×: with the default limit a
 * worker keeping 70–150 MB alive held 370–600 MB (`node --trace-gc`,
 * `stemma index add` of 30,000 bench articles). At 1,024 MiB, seven times
 * the most it kept alive there, a group that needs more is not lost: the
 * calling thread, under the process's own limit, relates it instead.
 */
export const WORKER_OLD_SPACE_MB = 1024;

/** What each worker of the pool starts with (structured-clone safe). */
export interface GroupPoolSetup {
  /** The caller's encoder, as it was built (no callbacks). */
  readonly encoder: Omit<EncoderChoice, 'onNotice'>;
  /** The pipeline's options for every group. */
  readonly options: {
    readonly includeText: boolean;
    readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
  };
  /** The boilerplate keys of the write's own segmenting, which the groups' `prior` come from. */
  readonly priorBoilerplate?: readonly string[];
}

/** One group of pages to relate, as sent to a worker (structured-clone safe). */
export interface GroupTask {
  readonly docs: readonly IngestedDoc[];
  /**
   * Each page's segmentation by the write (by the index of `docs`), where it
   * has one: reused where the group's boilerplate marks the same lines
   * (`PriorSegmentation`), as the setup's `priorBoilerplate` did.
   */
  readonly prior?: readonly (SegmentedDoc | undefined)[];
}

/** A group's result, as a worker sends it back. */
export interface GroupResult {
  /** The worker's encoder: the components count only when it is the caller's. */
  readonly encoder: EncoderInfo;
  readonly components: readonly ComponentInput[];
  /** Milliseconds per pipeline stage over this group (in the worker). */
  readonly stages: Partial<Record<StageName, number>>;
}

/**
 * The threads relating runs on, the calling one included: STEMMA_RELATE_THREADS
 * (a whole number from 1), else the machine's available parallelism; at most
 * {@link MAX_THREADS}.
 */
export function relateThreads(): number {
  const spec = process.env['STEMMA_RELATE_THREADS'];
  const n = spec === undefined || spec === '' ? NaN : Number(spec);
  const wanted = Number.isInteger(n) && n >= 1 ? n : availableParallelism();
  return Math.min(wanted, MAX_THREADS);
}

/** The test hook's least number of pages for a pool, when set. */
function testMinPages(): number | undefined {
  const spec = process.env['STEMMA_TEST_RELATE_MIN_PAGES'];
  const n = spec === undefined || spec === '' ? NaN : Number(spec);
  return n >= 0 ? n : undefined;
}

/** A started pool of relating workers. */
export interface GroupPool {
  /**
   * Relates each group, in the workers and on the calling thread at once
   * (`here` relates one group there); the results come back in the groups'
   * order, whoever related them.
   * @throws Error naming the relate stage's worker and the group when a worker fails.
   */
  relate(
    groups: readonly GroupTask[],
    here: (group: GroupTask) => Promise<GroupResult>,
  ): Promise<GroupResult[]>;
  destroy(): Promise<void>;
}

/**
 * Starts the pool when `pages` (the pages the write relates, a bound on the
 * groups' work known before they are found) are worth it, there are two
 * threads or more, and the worker is built (a run from sources stays
 * in-thread); else null. The calling thread is one of the threads: a pool
 * of `threads − 1` workers starts loading the encoder at once, while the
 * caller finds the groups.
 * @throws never (a worker failing to start fails {@link GroupPool.relate}).
 */
export function startGroupPool(setup: GroupPoolSetup, pages: number): GroupPool | null {
  const workers = relateThreads() - 1;
  if (workers < 1) return null;
  if (pages < (testMinPages() ?? GROUP_POOL_MIN_PAGES)) return null;
  if (!existsSync(fileURLToPath(WORKER_URL))) return null;
  const piscina = new Piscina<readonly GroupTask[], GroupResult[]>({
    filename: WORKER_URL.href,
    minThreads: workers,
    maxThreads: workers,
    workerData: setup,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB },
  });
  // A worker failing while no task is on it (its start) is an 'error'
  // event, after which piscina starts no more workers: tasks would wait for
  // ever, so the relating fails with it.
  const failed = new Promise<never>((_resolve, reject) => piscina.on('error', reject));
  failed.catch(() => {});
  return {
    relate: (groups, here) =>
      relateOnThreads(groups, here, {
        workers,
        send: (sent) => piscina.run(sent),
        failed: failed.catch((error: unknown) => {
          const detail = error instanceof Error ? error.message : String(error);
          throw new Error(`relate stage: a worker failed to start: ${detail}`, { cause: error });
        }),
      }),
    destroy: () => piscina.destroy(),
  };
}

/**
 * Most groups sent to a worker at once: what a worker holds (the groups'
 * pages as cloned, their results until sent back) stays bounded whatever
 * the write's size. At 256 a write of 40,000 groups makes some 160 sends.
 */
export const MAX_SHARE = 256;

/**
 * Relates `groups` on the calling thread (`here`) and in `workers` workers
 * (`send` relates a batch in one) at once; the results come back in the
 * groups' order, whoever related them. A batch a worker ran out of memory on
 * (ERR_WORKER_OUT_OF_MEMORY) is related on the calling thread instead.
 * @throws Error naming the worker's batch when `send` fails otherwise, or
 *   what `failed` rejects with (a worker failing to start).
 */
export async function relateOnThreads(
  groups: readonly GroupTask[],
  here: (group: GroupTask) => Promise<GroupResult>,
  threads: {
    readonly workers: number;
    readonly send: (sent: readonly GroupTask[]) => Promise<GroupResult[]>;
    readonly failed: Promise<never>;
  },
): Promise<GroupResult[]> {
  const { workers, send } = threads;
  const out = new Array<GroupResult>(groups.length);
  let next = 0;
  let stop = false;
  // Groups a worker ran out of memory on: the calling thread relates them.
  const again: number[] = [];
  // A worker is sent a share of what is left (guided scheduling): few
  // sends while much is left, single groups at the end so the threads
  // finish together. Each send waits for the calling thread to be
  // between two of its own groups.
  const share = () =>
    Math.min(MAX_SHARE, Math.max(1, Math.ceil((groups.length - next) / (2 * (workers + 1)))));
  const inWorker = async () => {
    while (next < groups.length && !stop) {
      const from = next;
      next = Math.min(groups.length, next + share());
      const sent = groups.slice(from, next);
      try {
        const results = await send(sent);
        results.forEach((r, k) => (out[from + k] = r));
      } catch (error) {
        if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          for (let i = from; i < from + sent.length; i++) again.push(i);
          continue;
        }
        const detail = error instanceof Error ? error.message : String(error);
        throw new Error(
          `relate stage: a worker failed on ${sent.length} group(s) from page ${sent[0]?.docs[0]?.id ?? '?'}: ${detail}`,
          { cause: error },
        );
      }
    }
  };
  const onCaller = async () => {
    while (!stop) {
      const i = again.shift() ?? (next < groups.length ? next++ : undefined);
      if (i === undefined) break;
      out[i] = await here(groups[i]!);
      // Let the workers' answers in, and send them their next groups.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const caller = onCaller();
  const all = Promise.all([...Array.from({ length: workers }, inWorker), caller]);
  try {
    await Promise.race([all, threads.failed]);
    // A worker that ran out of memory after the calling thread's last group.
    for (let i = again.shift(); i !== undefined; i = again.shift()) out[i] = await here(groups[i]!);
  } finally {
    stop = true;
    // Whatever failed, the caller's own groups are done before the pool closes.
    await caller.catch(() => {});
  }
  return out;
}
