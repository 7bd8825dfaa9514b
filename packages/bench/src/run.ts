/**
 * `npm run bench`: generates a synthetic corpus and runs the whole pipeline
 * over it, printing wall time, paragraphs per second per stage and peak memory.
 * `npm run bench -- ingest`: the ingest stage alone over a mixed corpus of
 * txt/html/md/jsonl/warc.gz pages (see ingest-bench.ts).
 * `npm run bench -- hostile`: the hostile inputs of issue 9 at ×1, ×10 and
 * ×100 of a base size, time and peak RSS per size (see hostile-bench.ts).
 * `npm run bench -- scale`: issue 10's targets for the persistent index:
 * index add, recall@10, query latency, adding 1,000 articles (see scale-bench.ts).
 * `npm run bench -- tui`: the TUI's first render and key presses over 10,000
 * invented stories (see tui-bench.ts).
 * `npm run bench -- graph --index DIR`: other HNSW graphs (degree, build
 * beam) over an index's stored vectors: build time, recall@10 per ef (see graph-bench.ts).
 * Usage: node packages/bench/dist/run.js [ingest|hostile|scale|tui|graph] [--originals N] [--pages N] [--seed S] [--backend wasm|cpu]
 *   tui: [--stories N]
 *   hostile: [--scales 1,10,100] [--case NAME] [--limit SECONDS]
 *   scale: [--articles N] [--queries N] [--more N] [--analyze] [--ef-sweep 64,128,256] [--answers FILE]
 *   graph: --index DIR [--graphs 16/100,24/100] [--ef-sweep 64,128,256] [--recall-queries N]
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPipeline, type StageName } from '@stemma/core';
import { parseGraphs, runGraphBench } from './graph-bench.js';
import { runHostileBench } from './hostile-bench.js';
import { runIngestBench } from './ingest-bench.js';
import { runScaleBench } from './scale-bench.js';
import { runTuiBench } from './tui-bench.js';
import { gloveTopicPool, writeSyntheticCorpus } from './synthetic-corpus.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    originals: { type: 'string', default: '600' },
    pages: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    stories: { type: 'string', default: '10000' },
    backend: { type: 'string' },
    scales: { type: 'string', default: '1,10,100' },
    case: { type: 'string' },
    limit: { type: 'string', default: '120' },
    articles: { type: 'string', default: '10000' },
    queries: { type: 'string', default: '50' },
    more: { type: 'string', default: '1000' },
    'ef-sweep': { type: 'string' },
    analyze: { type: 'boolean', default: false },
    answers: { type: 'string' },
    index: { type: 'string' },
    graphs: { type: 'string', default: '16/100,24/100,32/100' },
    'recall-queries': { type: 'string', default: '300' },
  },
});
const kinds = ['ingest', 'hostile', 'scale', 'tui', 'graph'];
if (positionals.length > 1 || (positionals[0] !== undefined && !kinds.includes(positionals[0]))) {
  console.error(
    `stemma bench: unknown benchmark "${positionals.join(' ')}"; use: run.js [ingest|hostile|scale|tui|graph]`,
  );
  process.exit(2);
}
// Machines differ in speed by up to 3x: every figure is printed with the machine it was measured on,
// and with its load average (the machine may be shared: CPU time is then the steadier figure).
const cores = cpus();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `machine                      ${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, load average ${load()}`,
);
if (positionals[0] === 'ingest') {
  const dir = mkdtempSync(join(tmpdir(), 'stemma-bench-ingest-'));
  try {
    await runIngestBench(dir, {
      pages: Number(values.pages),
      seed: Number(values.seed),
      print: console.log,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(0);
}
if (positionals[0] === 'graph') {
  if (values.index === undefined) {
    console.error(
      'stemma bench graph: --index DIR is required (an index made by stemma index add)',
    );
    process.exit(2);
  }
  let graphs: { m: number; efConstruction: number }[];
  try {
    graphs = parseGraphs(values.graphs);
  } catch (error) {
    console.error(`stemma bench graph: ${(error as Error).message}`);
    process.exit(2);
  }
  try {
    await runGraphBench({
      index: values.index,
      graphs,
      efSweep: (values['ef-sweep'] ?? '32,64,128,256,512').split(',').map(Number),
      queries: Number(values['recall-queries']),
      print: console.log,
    });
  } catch (error) {
    // A missing, foreign or damaged index, or a bad ef: one line naming it.
    console.error(`stemma bench graph: ${(error as Error).message}`);
    process.exit(5);
  }
  process.exit(0);
}
if (positionals[0] === 'tui') {
  await runTuiBench({ stories: Number(values.stories), print: console.log });
  process.exit(0);
}
if (positionals[0] === 'hostile') {
  const ok = runHostileBench({
    scales: values.scales.split(',').map(Number),
    ...(values.case ? { only: values.case } : {}),
    limitSeconds: Number(values.limit),
    print: console.log,
  });
  process.exit(ok ? 0 : 1);
}
const backend = values.backend as 'wasm' | 'cpu' | 'tensorflow' | undefined;
if (positionals[0] === 'scale') {
  const dir = mkdtempSync(join(tmpdir(), 'stemma-bench-scale-'));
  try {
    const ok = await runScaleBench(dir, {
      articles: Number(values.articles),
      queries: Number(values.queries),
      more: Number(values.more),
      recallQueries: 1000,
      ...(values['ef-sweep'] ? { efSweep: values['ef-sweep'].split(',').map(Number) } : {}),
      seed: Number(values.seed),
      analyze: values.analyze,
      ...(values.answers ? { answers: values.answers } : {}),
      ...(backend ? { backend } : {}),
      print: console.log,
    });
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit();
}
const originals = Number(values.originals);

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);

const dir = mkdtempSync(join(tmpdir(), 'stemma-bench-'));
try {
  const t0 = performance.now();
  const pool = gloveTopicPool();
  const { files, bytes } = writeSyntheticCorpus(dir, originals, Number(values.seed), pool);
  const genMs = performance.now() - t0;
  const stageMs = new Map<StageName, number>();
  const stageItems = new Map<StageName, number>();
  // CPU time of the whole process, worker threads included, per stage.
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const stageCpu = new Map<StageName, number>();
  let paragraphs = 0;
  const t1 = performance.now();
  const cpu1 = cpuMs();
  const result = await runPipeline([dir], {
    ...(backend ? { backend } : {}),
    onEvent: (e) => {
      if (e.type === 'stage-start') stageCpu.set(e.stage, cpuMs());
      if (e.type === 'stage-end') {
        stageMs.set(e.stage, e.ms);
        stageItems.set(e.stage, e.items);
        stageCpu.set(e.stage, cpuMs() - (stageCpu.get(e.stage) ?? cpuMs()));
      }
      if (e.type === 'stage-start' && e.stage === 'embed') paragraphs = e.total;
    },
  });
  const wallMs = performance.now() - t1;
  const pipelineCpu = cpuMs() - cpu1;
  sample();
  const stories = result.report.documents.reduce((s, d) => s + d.stories.length, 0);
  const line = (k: string, v: string) => console.log(`${k.padEnd(28)} ${v}`);
  console.log('stemma bench');
  line(
    'corpus',
    `${files} files (${originals} originals + copies), ${(bytes / 1e6).toFixed(1)} MB, generated in ${(genMs / 1000).toFixed(1)} s`,
  );
  line('stories / paragraphs', `${stories} / ${paragraphs}`);
  line('encoder', `${result.report.encoder.name} (${result.report.encoder.backend})`);
  for (const [stage, ms] of stageMs) {
    const rate =
      ms > 0 ? `${Math.round((paragraphs / ms) * 1000).toLocaleString('en')} paragraphs/s` : '-';
    const cpu = `CPU ${((stageCpu.get(stage) ?? 0) / 1000).toFixed(2)} s`;
    line(`  ${stage}`, `${(ms / 1000).toFixed(2)} s   ${rate}   ${cpu}`);
  }
  line(
    'candidate story pairs',
    `${stageItems.get('index') ?? 0} (aligned: ${stageItems.get('align') ?? 0} derived)`,
  );
  line('wall time (pipeline)', `${(wallMs / 1000).toFixed(2)} s`);
  line('CPU time (pipeline)', `${(pipelineCpu / 1000).toFixed(2)} s (all threads)`);
  line(
    'relations / independent',
    `${result.report.relations.length} / ${result.report.independent.length}`,
  );
  line('peak RSS', `${(peakRss / 2 ** 20).toFixed(0)} MiB`);
  line('load average at the end', load());
} finally {
  clearInterval(timer);
  rmSync(dir, { recursive: true, force: true });
}
