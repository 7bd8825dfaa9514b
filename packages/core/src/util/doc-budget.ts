/**
 * What the time budget per document (issue 9, `--doc-timeout`) shares across
 * the stages it covers (reading, segmenting, embedding): the default, the
 * one warning an overrun gives, and the test hook that makes a chosen
 * document stall.
 */

/** The budget per document unless one is given: 30 s. */
export const DEFAULT_DOC_TIMEOUT_MS = 30_000;

/** The stages a document's budget covers, as its warning names them. */
export type BudgetStage = 'reading' | 'segmenting' | 'embedding';

/**
 * The warning for a document dropped by its budget:
 * "<path>: segmenting took over 30 s; skipped (--doc-timeout)".
 * @throws never.
 */
export const overrunWarning = (path: string, stage: BudgetStage, ms: number): string =>
  `${path}: ${stage} took over ${Number((ms / 1000).toFixed(3))} s; skipped (--doc-timeout)`;

/**
 * Test hook: when the environment variable `name` is `<text>:<ms>` and `path`
 * contains `<text>`, spins synchronously for `<ms>` milliseconds, as stuck
 * code would (set only by the tests of the budget: STEMMA_TEST_STALL_READ,
 * STEMMA_TEST_STALL_SEGMENT, STEMMA_TEST_STALL_EMBED).
 * @throws never.
 */
export function testStall(name: string, path: string): void {
  const spec = process.env[name];
  if (!spec) return;
  const at = spec.lastIndexOf(':');
  const needle = spec.slice(0, at);
  const ms = Number(spec.slice(at + 1));
  if (at <= 0 || !(ms > 0) || !path.includes(needle)) return;
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    // Synchronous on purpose: what a budget must be able to stop.
  }
}

/**
 * Test hook: when the environment variable `name` is `<text>:<ms>` and `label`
 * contains `<text>`, sleeps synchronously (the thread blocked, the CPU idle)
 * for `<ms>` milliseconds, widening a window the crash test kills inside (set
 * only by test/index-crash.test.ts: STEMMA_TEST_PAUSE_COMMIT).
 * @throws never.
 */
export function testPause(name: string, label: string): void {
  const spec = process.env[name];
  if (!spec) return;
  const at = spec.lastIndexOf(':');
  const ms = Number(spec.slice(at + 1));
  if (at <= 0 || !(ms > 0) || !label.includes(spec.slice(0, at))) return;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
