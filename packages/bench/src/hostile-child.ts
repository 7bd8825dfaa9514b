/**
 * One hostile run, in its own process so its peak RSS is its own and a stall
 * can be stopped: runs the pipeline over the given paths and prints one JSON
 * line (ms, cpuMs: the process's user + system CPU time, documents, stories,
 * relations, warnings, maxRss in bytes).
 * Usage: node hostile-child.js [--max-bytes N] [--doc-timeout MS] paths...
 */
import { parseArgs } from 'node:util';
import { runPipeline } from '@stemma/core';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'max-bytes': { type: 'string' }, 'doc-timeout': { type: 'string' } },
});
const warnings: string[] = [];
const t0 = performance.now();
const result = await runPipeline(positionals, {
  input: values['max-bytes'] ? { maxBytes: Number(values['max-bytes']) } : {},
  ...(values['doc-timeout'] ? { docTimeoutMs: Number(values['doc-timeout']) } : {}),
  onEvent: (e) => {
    if (e.type === 'warning') warnings.push(e.message);
  },
});
const ms = performance.now() - t0;
const usage = process.resourceUsage();
console.log(
  JSON.stringify({
    ms,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    documents: result.report.documents.length,
    stories: result.report.documents.reduce((n, d) => n + d.stories.length, 0),
    relations: result.report.relations.length,
    warnings,
    maxRss: usage.maxRSS * 1024,
  }),
);
