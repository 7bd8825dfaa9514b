/**
 * A worker thread that segments documents one at a time for
 * {@link segmentCorpusWithBudget}: the main thread can terminate it when a
 * document overruns its time budget, even when the stuck code is synchronous.
 * `workerData` holds the segment options and the corpus boilerplate keys; each
 * message is `{ k, doc }` and is answered with `{ k, result }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestedDoc } from '../types.js';
import { segmentOne, type WorkerSetup } from './budget.js';

const setup = workerData as WorkerSetup;
const options = { ...setup.options, boilerplate: new Set(setup.boilerplate) };

parentPort?.on('message', (m: { k: number; doc: IngestedDoc }) => {
  parentPort?.postMessage({ k: m.k, result: segmentOne(m.doc, options) });
});
parentPort?.postMessage({ ready: true });
