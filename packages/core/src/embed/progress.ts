import type { EncodeOptions } from './types.js';

/**
 * Reports a finished batch, then lets the event loop turn before the next one.
 * Encoding is CPU work whose awaits (`tensor.data()` on the cpu and wasm
 * backends) resolve as microtasks, so without this a caller's timers and
 * redraws (the TUI's progress bar) would wait until the whole stage ended.
 * One turn costs microseconds against a batch's milliseconds.
 */
export async function batchDone(
  onProgress: EncodeOptions['onProgress'],
  done: number,
  total: number,
): Promise<void> {
  onProgress?.(done, total);
  await new Promise<void>((resolve) => setImmediate(resolve));
}
