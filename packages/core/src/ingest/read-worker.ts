/**
 * A worker thread that extracts documents one at a time for
 * {@link ReadBudget}: the main thread can terminate it when a document
 * overruns its time budget, even when the stuck code is synchronous. Each
 * message is one {@link ReadJob}, answered with its {@link ExtractOutcome}.
 */
import { parentPort } from 'node:worker_threads';
import { extractOne } from './extract.js';
import type { ReadJob } from './read-budget.js';

parentPort?.on('message', (job: ReadJob) => {
  parentPort?.postMessage(extractOne(job.subject, job.format, job.text));
});
// Warm up before taking documents: the first extraction of a fresh thread
// compiles the parsers' patterns, which must not count against the first
// document's budget.
const para =
  'The council met on Tuesday to settle the matter of the water budget, and members argued for an hour before the vote was taken.';
extractOne(
  'warm-up.html',
  'html',
  `<html><head><title>Water budget</title><meta name="author" content="Jane Doe"><meta property="article:published_time" content="2024-03-03"></head><body><article><h1>Council approves the water budget</h1><p>${para}</p><p>${para}</p></article></body></html>`,
);
extractOne(
  'warm-up.md',
  'md',
  `---\ntitle: Water budget\ndate: 2024-03-03\n---\n\n# Council\n\n${para}\n`,
);
parentPort?.postMessage({ ready: true });
