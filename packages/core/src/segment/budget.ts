/**
 * A time budget per document for the segment stage (issue 9): each document
 * is segmented in a worker thread, and a worker still busy with one document
 * when its budget runs out is terminated and replaced; the document is dropped
 * with one warning and the run goes on. That holds even when the stuck code is
 * synchronous (a regex or a loop that never yields).
 *
 * Results are kept in input order and are the same as segmenting in-thread
 * (workers run the same `segment`; results come back by structured clone).
 * Where the worker file cannot be loaded (running from sources, as vitest
 * does) documents are segmented in-thread: an overrun is then found only
 * once the document is done, and the document is still dropped.
 *
 * Test hook: `STEMMA_TEST_STALL_SEGMENT=<text>:<ms>` makes segmenting a
 * document whose path contains `<text>` spin synchronously for `<ms>`
 * milliseconds first (set only by the tests of the budget).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expectArrayOf, expectOptions, rules } from '../args.js';
import type { IngestedDoc, SegmentedDoc } from '../types.js';
import { DEFAULT_DOC_TIMEOUT_MS, overrunWarning, testStall } from '../util/doc-budget.js';
import { corpusBoilerplate, warnEmpty, type CorpusBoilerplateOptions } from './corpus.js';
import { lineKey, toUnits, type Unit } from './lines.js';
import { docRule, segment, segmentOptionRules, segmentUnits } from './segment.js';
import type { SegmentOptions } from './types.js';

/** Most worker threads used, whatever the machine. */
const MAX_WORKERS = 4;

const WORKER_URL = new URL('./segment-worker.js', import.meta.url);

/** What a segment worker is started with. */
export interface WorkerSetup {
  readonly options: Omit<SegmentOptions, 'boilerplate'>;
  readonly boilerplate: readonly string[];
}

/**
 * Segments one document (in a worker or in-thread), after the test hook;
 * over `units`, its lines already read, when given.
 */
export function segmentOne(
  doc: IngestedDoc,
  options: SegmentOptions,
  units?: Unit[],
): SegmentedDoc {
  testStall('STEMMA_TEST_STALL_SEGMENT', doc.path);
  return units === undefined ? segment(doc, options) : segmentUnits(doc, options, units);
}

/** Documents sent to a worker at once, and the text they may hold together. */
const BATCH_DOCS = 64;
const BATCH_CHARS = 1 << 20;

/**
 * Text worth one more segment worker. A worker costs 0.6–0.8 s of CPU to
 * start (loading the segmenter and chrono, then the warm-up), and segmenting
 * takes about 0.9 s per million characters on the 2-core machine this was
 * measured on (the examples, 28 k characters: 0.4 s in-thread, 1.6 s with
 * two workers; a generated corpus of 196 k characters: 0.56 s and 2.1 s).
 * A second worker pays for its start only past a megabyte or so of text; a
 * smaller corpus gets one, which still keeps the time budget.
 */
export const SEGMENT_WORKER_CHARS = 1 << 20;

/**
 * Segment workers for `docs`: one per {@link SEGMENT_WORKER_CHARS} of text
 * (at least one), no more than the documents, the cores, or four.
 * @throws never.
 */
export function segmentWorkerCount(
  docs: readonly Pick<IngestedDoc, 'text'>[],
  cores: number = availableParallelism(),
): number {
  let chars = 0;
  for (const doc of docs) chars += doc.text.length;
  return Math.max(
    1,
    Math.min(cores, MAX_WORKERS, docs.length, Math.ceil(chars / SEGMENT_WORKER_CHARS)),
  );
}

/**
 * Segments docs in a pool of workers; `done(k, result)` receives each
 * document's result, or null when it overran `timeoutMs`. Documents go out in
 * small batches (one message each way per document would cost more than
 * segmenting a tiny page); a worker answers document by document, and each
 * document's budget starts when the one before it in the batch is answered.
 * An overrun ends the worker; the rest of its batch goes back to the queue.
 */
function segmentInWorkers(
  docs: readonly IngestedDoc[],
  setup: WorkerSetup,
  timeoutMs: number,
  done: (k: number, result: SegmentedDoc | null) => void,
): Promise<void> {
  const size = segmentWorkerCount(docs);
  return new Promise((resolve, reject) => {
    const workers = new Set<Worker>();
    /** Documents sent back to the queue after an overrun, taken before `next`. */
    const retry: number[] = [];
    let next = 0;
    let pendingTotal = 0;
    let failed = false;
    const queued = () => retry.length > 0 || next < docs.length;
    const take = (): number[] => {
      const batch: number[] = [];
      let chars = 0;
      while (queued() && batch.length < BATCH_DOCS) {
        const k = retry.length > 0 ? retry[0]! : next;
        const len = docs[k]!.text.length;
        if (batch.length > 0 && chars + len > BATCH_CHARS) break;
        if (retry.length > 0) retry.shift();
        else next++;
        batch.push(k);
        chars += len;
      }
      return batch;
    };
    const stop = (w: Worker) => {
      workers.delete(w);
      void w.terminate();
    };
    const finishIfDone = () => {
      if (queued() || pendingTotal > 0) return;
      for (const w of [...workers]) stop(w);
      resolve();
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of [...workers]) stop(w);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const spawn = () => {
      const w = new Worker(WORKER_URL, { workerData: setup });
      workers.add(w);
      let pending: number[] = [];
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        if (pending.length === 0) return;
        timer = setTimeout(() => {
          const [stuck, ...rest] = pending;
          pending = [];
          pendingTotal -= 1 + rest.length;
          stop(w);
          retry.unshift(...rest);
          done(stuck!, null);
          if (queued()) spawn();
          else finishIfDone();
        }, timeoutMs);
      };
      const feed = () => {
        if (failed) return;
        const batch = take();
        if (batch.length === 0) {
          stop(w);
          finishIfDone();
          return;
        }
        pending = batch;
        pendingTotal += batch.length;
        arm();
        w.postMessage(batch.map((k) => ({ k, doc: docs[k] })));
      };
      w.on('message', (m: { ready?: true; k?: number; result?: SegmentedDoc }) => {
        // A stopped worker's last answers may still be on their way: its batch went back to the queue.
        if (!workers.has(w)) return;
        if (m.ready) return feed();
        const k = m.k ?? pending[0]!;
        pending = pending.filter((x) => x !== k);
        pendingTotal--;
        done(k, m.result ?? null);
        if (pending.length > 0) arm();
        else {
          clearTimeout(timer);
          feed();
        }
      });
      w.on('error', (error) => {
        clearTimeout(timer);
        fail(error);
      });
      w.on('exit', (code) => {
        if (workers.has(w) && !failed) fail(new Error(`segment worker exited with code ${code}`));
      });
    };
    if (docs.length === 0) return resolve();
    for (let i = 0; i < size; i++) spawn();
  });
}

/**
 * Documents another pass segmented already (the pages an index write
 * segments to store, segmented again with their group to relate them). A
 * document's segmentation depends on the corpus only through the lines the
 * corpus boilerplate marks in it (`segmentUnits` tests each short,
 * headline or prose line's key), so it is reused where the two passes' sets
 * mark the same lines: the same document, options and marks give the same
 * segmentation. The prior pass must have used the default options (no
 * `minParagraphs`, `minWords` or `structured`), as the reusing one must.
 */
export interface PriorSegmentation {
  /** The keys the prior pass took for boilerplate. */
  readonly boilerplate: ReadonlySet<string>;
  /** Each document's segmentation by that pass, by the index of `docs`; undefined where there is none. */
  readonly docs: readonly (SegmentedDoc | undefined)[];
}

/** Line kinds `segmentUnits` marks as boilerplate when their key is in the set. */
const MARKABLE = new Set<Unit['kind']>(['short', 'headline', 'prose']);

/** Whether the two boilerplate sets mark the same lines of a document. */
function marksAlike(
  units: readonly Unit[],
  a: ReadonlySet<string>,
  b: ReadonlySet<string>,
): boolean {
  if (a.size === 0 && b.size === 0) return true;
  for (const u of units)
    if (MARKABLE.has(u.kind)) {
      const key = lineKey(u.text);
      if (a.has(key) !== b.has(key)) return false;
    }
  return true;
}

/**
 * {@link segmentCorpus} with a time budget per document: a document whose
 * segmenting takes longer than `timeoutMs` (default 30 s) is dropped with one
 * warning naming it and the stage; the others are segmented as usual, in
 * order. The corpus-wide boilerplate pass runs on the calling thread.
 * @throws {CoreError} INVALID_ARGUMENT when `docs` is not an array of documents or an option has the wrong type.
 */
export async function segmentCorpusWithBudget(
  docs: readonly IngestedDoc[],
  opts: SegmentOptions &
    CorpusBoilerplateOptions & {
      readonly timeoutMs?: number;
      /** Segment on the calling thread even where workers could start (an overrun is then found once done). */
      readonly inThread?: boolean;
      /** Segmentations to reuse where they are this pass's ({@link PriorSegmentation}; in-thread only). */
      readonly prior?: PriorSegmentation;
      /** Receives the keys this pass takes for boilerplate (to reuse its segmentations later). */
      readonly onBoilerplate?: (keys: ReadonlySet<string>) => void;
      /**
       * A document's lines when the caller read them already (`toUnits` of
       * its text, a copy of its own: segmenting changes them), else
       * undefined; read on the calling thread only.
       */
      readonly lines?: (doc: IngestedDoc) => Unit[] | undefined;
      readonly onProgress?: (done: number, total: number) => void;
      readonly onWarning?: (message: string) => void;
    } = {},
): Promise<SegmentedDoc[]> {
  const fn = 'segmentCorpusWithBudget';
  expectArrayOf(docs, `${fn}: docs`, docRule, 'an array of ingested documents');
  expectOptions(opts, `${fn}: opts`, {
    ...segmentOptionRules,
    minDocs: rules.positiveInt,
    timeoutMs: rules.positive,
    inThread: rules.boolean,
    prior: rules.object,
    onBoilerplate: rules.function,
    lines: rules.function,
    onProgress: rules.function,
    onWarning: rules.function,
  });
  const timeoutMs = opts.timeoutMs ?? DEFAULT_DOC_TIMEOUT_MS;
  const inThread = opts.inThread === true || !existsSync(fileURLToPath(WORKER_URL));
  // In-thread, the lines the boilerplate pass reads are kept and segmented,
  // not read again (a worker reads its documents' own).
  const lines = new Map<number, Unit[]>();
  const given = inThread ? opts.lines : undefined;
  const boilerplate = corpusBoilerplate(docs, opts, (doc, k) => {
    const units = given?.(doc) ?? toUnits(doc.text);
    if (inThread) lines.set(k, units);
    return units;
  });
  opts.onBoilerplate?.(boilerplate);
  const options: Omit<SegmentOptions, 'boilerplate'> = {
    ...(opts.minParagraphs !== undefined ? { minParagraphs: opts.minParagraphs } : {}),
    ...(opts.minWords !== undefined ? { minWords: opts.minWords } : {}),
    ...(opts.structured !== undefined ? { structured: opts.structured } : {}),
  };
  const results: (SegmentedDoc | null)[] = new Array<SegmentedDoc | null>(docs.length).fill(null);
  let finished = 0;
  const done = (k: number, result: SegmentedDoc | null) => {
    results[k] = result;
    if (!result)
      opts.onWarning?.(overrunWarning(docs[k]?.path ?? String(k), 'segmenting', timeoutMs));
    opts.onProgress?.(++finished, docs.length);
  };
  if (!inThread) {
    await segmentInWorkers(docs, { options, boilerplate: [...boilerplate] }, timeoutMs, done);
  } else {
    const withBoilerplate = { ...options, boilerplate };
    // A prior segmentation counts only under the default options, the ones it was made with.
    const prior = Object.keys(options).length === 0 ? opts.prior : undefined;
    docs.forEach((doc, k) => {
      const t0 = performance.now();
      // A corpus too small for the boilerplate pass read no lines: the caller's, if any.
      let units = lines.get(k) ?? given?.(doc);
      lines.delete(k);
      const before = prior?.docs[k];
      if (before !== undefined && prior !== undefined) {
        // A group of fewer than `minDocs` pages has no boilerplate pass, so no lines read yet.
        units ??= toUnits(doc.text);
        if (marksAlike(units, prior.boilerplate, boilerplate)) return done(k, before);
      }
      const s = segmentOne(doc, withBoilerplate, units);
      done(k, performance.now() - t0 > timeoutMs ? null : s);
    });
  }
  const segmented = results.filter((r): r is SegmentedDoc => r !== null);
  warnEmpty(segmented, opts.onWarning);
  return segmented;
}
