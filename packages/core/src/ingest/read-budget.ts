/**
 * The time budget per document for reading (issue 9, `--doc-timeout`): the
 * extraction of each HTML or Markdown document (see {@link extractOne}) runs
 * in a worker thread, and a worker still busy with one document when its
 * budget runs out is terminated (replaced when the next document comes); the
 * document is dropped with one warning and reading goes on. That holds even
 * when the stuck code is synchronous (a parser or a regex that never yields).
 *
 * One worker, one document at a time: ingest reads its sources in order and
 * awaits each document, so warnings and documents keep today's order and the
 * results are those of extracting in-thread (the worker runs the same code;
 * content comes back by structured clone). Decoding stays on the calling
 * thread: it is linear, and charset detection looks at 64 KB at most. Plain
 * text needs no extraction and never goes to the worker, so a corpus of .txt
 * files starts no thread. Where the worker file cannot be loaded (running
 * from sources, as vitest does) documents are extracted in-thread: an overrun
 * is then found only once the document is done, and it is still dropped.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { IngestedDoc } from '../types.js';
import { DEFAULT_DOC_TIMEOUT_MS } from '../util/doc-budget.js';
import { extractOne, needsExtraction, type ExtractOutcome } from './extract.js';

const WORKER_URL = new URL('./read-worker.js', import.meta.url);

/** One document for the worker. */
export interface ReadJob {
  readonly subject: string;
  readonly format: IngestedDoc['format'];
  readonly text: string;
}

/** The worker while it lives: started, then waiting for at most one answer. */
interface Running {
  readonly worker: Worker;
  readonly ready: Promise<void>;
  answer: ((outcome: ExtractOutcome) => void) | null;
  fail: ((error: Error) => void) | null;
}

/** Extracts documents one at a time, each within the time budget. Call {@link close} when done. */
export class ReadBudget {
  readonly timeoutMs: number;
  readonly #inThread: boolean;
  #running: Running | null = null;

  constructor(timeoutMs: number = DEFAULT_DOC_TIMEOUT_MS) {
    this.timeoutMs = timeoutMs;
    this.#inThread = !existsSync(fileURLToPath(WORKER_URL));
  }

  /**
   * Starts the worker ahead of the first document, so its start-up overlaps
   * reading files rather than delaying the first extraction.
   */
  warm(): void {
    if (!this.#inThread) void this.#start().ready.catch(() => undefined);
  }

  /**
   * The outcome of extracting one document, or null when it took longer than
   * the budget (the caller warns and skips it).
   * @throws Error when the worker itself fails (not a document's doing).
   */
  async extract(
    subject: string,
    format: IngestedDoc['format'],
    text: string,
  ): Promise<ExtractOutcome | null> {
    if (!needsExtraction(format)) return extractOne(subject, format, text);
    if (this.#inThread) {
      const t0 = performance.now();
      const outcome = extractOne(subject, format, text);
      return performance.now() - t0 > this.timeoutMs ? null : outcome;
    }
    const running = this.#start();
    // Start-up (loading the parsers) is not the document's time.
    await running.ready;
    return new Promise<ExtractOutcome | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#stop();
        resolve(null);
      }, this.timeoutMs);
      running.answer = (outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      running.fail = (error) => {
        clearTimeout(timer);
        reject(error);
      };
      running.worker.postMessage({ subject, format, text } satisfies ReadJob);
    });
  }

  /** Ends the worker, if any. */
  close(): void {
    this.#stop();
  }

  #start(): Running {
    if (this.#running) return this.#running;
    const worker = new Worker(WORKER_URL);
    let started: () => void = () => undefined;
    let failed: (error: Error) => void = () => undefined;
    const running: Running = {
      worker,
      ready: new Promise<void>((resolve, reject) => {
        started = resolve;
        failed = reject;
      }),
      answer: null,
      fail: null,
    };
    const failWith = (error: Error) => {
      if (this.#running === running) this.#running = null;
      failed(error);
      running.fail?.(error);
      running.fail = null;
      running.answer = null;
    };
    worker.on('message', (m: { ready: true } | ExtractOutcome) => {
      if ('ready' in m) return started();
      const answer = running.answer;
      running.answer = null;
      running.fail = null;
      answer?.(m);
    });
    worker.on('error', failWith);
    worker.on('exit', (code) => {
      // Only an exit nobody asked for is a failure: #stop forgets the worker first.
      if (this.#running === running) failWith(new Error(`read worker exited with code ${code}`));
    });
    this.#running = running;
    return running;
  }

  #stop(): void {
    const running = this.#running;
    this.#running = null;
    if (running) void running.worker.terminate();
  }
}
