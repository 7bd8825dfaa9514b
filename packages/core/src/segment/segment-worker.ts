/**
 * A worker thread that segments documents one at a time for
 * {@link segmentCorpusWithBudget}: the main thread can terminate it when a
 * document overruns its time budget, even when the stuck code is synchronous.
 * `workerData` holds the segment options and the corpus boilerplate keys; each
 * message is a batch of `{ k, doc }`, each answered with `{ k, result }`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { IngestedDoc } from '../types.js';
import { segmentOne, type WorkerSetup } from './budget.js';

const setup = workerData as WorkerSetup;
const options = { ...setup.options, boilerplate: new Set(setup.boilerplate) };

parentPort?.on('message', (batch: readonly { k: number; doc: IngestedDoc }[]) => {
  for (const { k, doc } of batch) parentPort?.postMessage({ k, result: segmentOne(doc, options) });
});
// Warm up before taking documents: the first segment call of a fresh thread
// compiles patterns and loads date parsing (a third of a second on a busy
// machine), which must not count against the first document's budget.
const sample = [
  'Council approves the water budget',
  'By Jane Doe',
  'March 3, 2024',
  'PORT ELLIS (AP) — The council met on Tuesday to settle the matter of the water budget, and members argued for an hour before the vote was taken.',
  'The budget passed by five votes to two, said the clerk, who read the figures aloud.',
].join('\n\n');
segmentOne(
  {
    id: 'warm-up',
    path: 'warm-up.txt',
    format: 'txt',
    text: sample,
    meta: { title: null, publisher: null, published: null, byline: null, url: null },
  },
  options,
);
parentPort?.postMessage({ ready: true });
