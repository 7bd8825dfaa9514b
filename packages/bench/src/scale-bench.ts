/**
 * `npm run bench -- scale [--articles N]`: issue 10's benchmark of the
 * persistent index. Writes a generated corpus (originals plus derived
 * copies, the bench's synthetic corpus) and, through core's index API (what
 * `stemma index add` and `stemma query` call), times:
 *
 * - indexing it end to end (`indexAdd` of the folder into a new index), per stage;
 * - recall@10 of the stored HNSW graph against exact search (`indexRecall`);
 * - queries of new articles held out of the corpus, one at a time, through
 *   one resident `openIndexReader` (the cold first query apart);
 * - `indexAdd` of 1,000 more articles into the index.
 *
 * Each figure is printed beside the issue's target, met or not met.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeIndex,
  indexAdd,
  indexRecall,
  type IndexAddResult,
  type IndexRunOptions,
  openIndexReader,
  type QueryStageTimes,
  type StageName,
} from '@stemma/core';
import { percentile } from './stats.js';
import { gloveTopicPool, type SyntheticArticle, syntheticCorpus } from './synthetic-corpus.js';

export interface ScaleBenchOptions {
  /** Articles in the indexed corpus (originals and copies together). */
  readonly articles: number;
  /** Articles added to the built index afterwards (the issue: 1,000). */
  readonly more: number;
  /** New articles queried one at a time after one warm-up query. */
  readonly queries: number;
  /** Stored vectors sampled as queries for recall@10. */
  readonly recallQueries: number;
  /** Also measure recall@10 at these search ef values (the rule's ef is always measured). */
  readonly efSweep?: readonly number[];
  readonly seed: number;
  readonly backend?: 'wasm' | 'cpu' | 'tensorflow';
  /** Also run `analyzeIndex` over the stored corpus: candidate story pairs and lineage time. */
  readonly analyze?: boolean;
  /**
   * Writes each timed query's answer (without its timings and index path), one
   * JSON line each in query order, to this file: two builds' files are equal
   * when their answers are.
   */
  readonly answers?: string;
  readonly print: (line: string) => void;
}

/** Issue 10's targets. */
const TARGET = {
  articles: 100_000,
  wallMs: 5 * 60_000,
  rssBytes: 4 * 2 ** 30,
  queryP50Ms: 20,
  queryP99Ms: 100,
  addMs: 20_000,
  recall: 0.95,
};

interface Split {
  readonly corpus: number;
  readonly queries: string[];
  readonly more: number;
}

function write(dir: string, a: SyntheticArticle): string {
  const file = join(dir, `${a.name}.${a.format}`);
  writeFileSync(file, a.content);
  return file;
}

/**
 * One stream of generated articles: the corpus, with `queries + 1` articles
 * held out at even intervals (so a query meets the originals and copies of
 * its family in the index, as a new article of a running news day would),
 * then `more` articles for the incremental add.
 */
function writeCorpus(dir: string, o: ScaleBenchOptions): Split {
  const held = o.queries + 1;
  const step = Math.max(1, Math.floor((o.articles + held) / held));
  const dirs = {
    corpus: join(dir, 'corpus'),
    queries: join(dir, 'queries'),
    more: join(dir, 'more'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const queries: string[] = [];
  let corpus = 0;
  let more = 0;
  let i = 0;
  // An upper bound on the originals needed: each has at least one article.
  for (const a of syntheticCorpus(o.articles + held + o.more, o.seed, gloveTopicPool())) {
    if (corpus < o.articles || queries.length < held) {
      if (queries.length < held && i % step === step - 1) queries.push(write(dirs.queries, a));
      else if (corpus < o.articles) {
        write(dirs.corpus, a);
        corpus++;
      } else queries.push(write(dirs.queries, a));
    } else if (more < o.more) {
      write(dirs.more, a);
      more++;
    } else break;
    i++;
  }
  return { corpus, queries, more };
}

/** indexAdd with its stage times and wall time. */
async function timedAdd(
  idx: string,
  folder: string,
  run: IndexRunOptions,
): Promise<{ result: IndexAddResult; wallMs: number; stages: Map<StageName, number> }> {
  const stages = new Map<StageName, number>();
  const t0 = performance.now();
  const result = await indexAdd(idx, [folder], {
    ...run,
    onEvent: (e) => {
      if (e.type === 'stage-end') stages.set(e.stage, e.ms);
    },
  });
  return { result, wallMs: performance.now() - t0, stages };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const num = (n: number) => Math.round(n).toLocaleString('en');
/** Peak resident set of this process so far (the kernel's high-water mark). */
const peakRss = () => process.resourceUsage().maxRSS * 1024;

/**
 * Runs the benchmark in `dir` (corpus and index are written there).
 * @returns false when a page could not be read or the index was left incomplete.
 */
export async function runScaleBench(dir: string, o: ScaleBenchOptions): Promise<boolean> {
  const line = (k: string, v: string) => o.print(`${k.padEnd(28)} ${v}`);
  const verdict = (ok: boolean, note = '') => `${ok ? 'met' : 'NOT MET'}${note ? ` ${note}` : ''}`;
  const run: IndexRunOptions = o.backend ? { backend: o.backend } : {};
  const idx = join(dir, 'index');

  const tg = performance.now();
  const split = writeCorpus(dir, o);
  line(
    'corpus',
    `${split.corpus} articles (originals + copies), generated in ${secs(performance.now() - tg)}; ` +
      `${split.queries.length - 1} + 1 warm-up held out to query, ${split.more} more to add`,
  );

  // 1. Indexing the corpus end to end: read, segment, embed, store (one generation).
  const built = await timedAdd(idx, join(dir, 'corpus'), run);
  const rssBuilt = peakRss();
  const paragraphs = built.result.added.reduce((n, a) => n + a.paragraphs, 0);
  const stories = built.result.added.reduce((n, a) => n + a.stories, 0);
  line(
    'indexed',
    `${built.result.added.length} pages, ${stories} stories, ${paragraphs} paragraphs ` +
      `(${built.result.skipped.length} pages skipped: the same content as one stored)`,
  );
  line(
    '',
    `${built.result.embedded} embedded, ${built.result.duplicateParagraphs} exact copies found by hash`,
  );
  let staged = 0;
  for (const [stage, ms] of built.stages) {
    staged += ms;
    line(`  ${stage}`, `${secs(ms)}   ${num((paragraphs / ms) * 1000)} paragraphs/s`);
  }
  const lineage = built.result.lineage;
  if (lineage !== undefined) {
    const ms = lineage.ms.candidates + lineage.ms.relate;
    staged += ms;
    line(
      '  relate (stored lineage)',
      `${secs(ms)}   ${(ms / Math.max(1, built.result.added.length)).toFixed(2)} ms/page; ` +
        `${lineage.groups} groups (largest ${lineage.largest} pages), ${lineage.relations} relations; ` +
        `finding groups ${secs(lineage.ms.candidates)}, ` +
        Object.entries(lineage.ms.stages)
          .map(([s, v]) => `${s} ${secs(v)}`)
          .join(', '),
    );
  }
  line('  other', `${secs(built.wallMs - staged)}   (encoder load, hashing, opening the index)`);
  line(
    'wall time (index add)',
    `${secs(built.wallMs)}   ${num((paragraphs / built.wallMs) * 1000)} paragraphs/s, ` +
      `${(built.wallMs / split.corpus).toFixed(2)} ms/article`,
  );
  line('peak RSS (index add)', mib(rssBuilt));

  // 2. Recall@10 of the stored graph against exact search, at the ef queries use (and a sweep).
  const recall = await indexRecall(idx, {
    queries: o.recallQueries,
    k: 10,
    seed: o.seed,
    ...(o.efSweep === undefined ? {} : { sweep: o.efSweep }),
  });
  line(
    'ANN recall@10',
    `${recall.recall.toFixed(4)} at ef ${recall.ef}, over ${recall.queries} stored vectors of ${recall.vectors} ` +
      `(HNSW ${secs(recall.annMs)}, exact ${secs(recall.exactMs)} for all)`,
  );
  // The sweep's searches share the queries' exact neighbours, found once.
  for (const r of recall.sweep)
    line(`  at ef ${r.ef}`, `${r.recall.toFixed(4)} (HNSW ${secs(r.annMs)} for all)`);

  // 3. Queries: new articles, one at a time, through one resident reader (as
  // `stemma query a b c …` and `--stdin-paths` do). The first query is cold:
  // it opens the index, builds the encoder and loads the graph.
  const [warm, ...asked] = split.queries;
  const tc = performance.now();
  const reader = await openIndexReader(idx, run);
  await reader.warm();
  const wall: number[] = [];
  const cpu: number[] = [];
  const retrieve: number[] = [];
  const relate: number[] = [];
  const steps = new Map<keyof QueryStageTimes, number[]>();
  let cold = { wall: 0, retrieve: 0, relate: 0 };
  let candidates = 0;
  let capped = 0;
  let related = 0;
  const answers: string[] = [];
  try {
    if (warm !== undefined) {
      const r = await reader.query(warm);
      cold = { wall: performance.now() - tc, ...r.ms };
    }
    for (const page of asked) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await reader.query(page);
      wall.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      retrieve.push(r.ms.retrieve);
      relate.push(r.ms.relate);
      for (const [step, ms] of Object.entries(r.ms.stages) as [keyof QueryStageTimes, number][])
        steps.set(step, [...(steps.get(step) ?? []), ms]);
      if (o.answers !== undefined) {
        // Paths from the run's folder on: the bench's folder is new each run.
        const answer = JSON.stringify({ ...r, ms: undefined, index: undefined });
        answers.push(answer.replaceAll(JSON.stringify(dir).slice(1, -1), '.'));
      }
      candidates += r.candidates.length;
      if (r.candidates.length >= 20) capped++;
      if (r.parents.length + r.children.length > 0) related++;
    }
  } finally {
    await reader.close();
  }
  if (o.answers !== undefined) writeFileSync(o.answers, answers.map((a) => `${a}\n`).join(''));
  const p50 = percentile(wall, 50);
  const p99 = percentile(wall, 99);
  const pp = (xs: number[]) =>
    `p50 ${percentile(xs, 50).toFixed(0)} ms, p99 ${percentile(xs, 99).toFixed(0)} ms`;
  line(
    'cold query',
    `${cold.wall.toFixed(0)} ms (open the index, warm(): encoder, graph, read worker; answer: ` +
      `retrieve ${cold.retrieve} ms, relate ${cold.relate} ms)`,
  );
  line(
    'warm query latency',
    `p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms over ${wall.length} queries ` +
      `(one openIndexReader, after the cold one)`,
  );
  line(
    '  CPU time',
    `${pp(cpu)} (this process, all threads: user + system; the machine is shared)`,
  );
  line('  retrieve', `${pp(retrieve)} (read, segment, embed, search)`);
  for (const step of ['read', 'search', 'load'] as const)
    line(`    ${step}`, pp(steps.get(step) ?? [0]));
  line('  relate', `${pp(relate)} (the pipeline over the page and its candidates)`);
  for (const step of ['segment', 'embed', 'index', 'align', 'lineage', 'report'] as const)
    line(`    ${step}`, pp(steps.get(step) ?? [0]));
  line(
    'candidates per query',
    `${(candidates / Math.max(1, asked.length)).toFixed(1)} stored pages ` +
      `(${capped} of ${asked.length} at the cap of 20); ${related} found a parent or child`,
  );

  // 4. Adding 1,000 more articles (none with --more 0).
  const more = split.more === 0 ? null : await timedAdd(idx, join(dir, 'more'), run);
  if (more !== null)
    line(
      `add ${split.more} more articles`,
      `${secs(more.wallMs)}   (${[...more.stages].map(([s, ms]) => `${s} ${secs(ms)}`).join(', ')}` +
        (more.result.lineage === undefined
          ? ')'
          : `, relate ${secs(more.result.lineage.ms.candidates + more.result.lineage.ms.relate)}: ` +
            `${more.result.lineage.groups} groups over ${more.result.lineage.pages} pages)`),
    );

  // 5. Optional: the lineage of the whole stored corpus, for candidate pairs per article.
  if (o.analyze === true) {
    const items = new Map<StageName, number>();
    const t0 = performance.now();
    const analysed = await analyzeIndex(idx, {
      ...run,
      onEvent: (e) => {
        if (e.type === 'stage-end') items.set(e.stage, e.items);
      },
    });
    const pages = built.result.added.length + (more?.result.added.length ?? 0);
    const pairs = items.get('index') ?? 0;
    line(
      'analyze --index',
      `${secs(performance.now() - t0)}, ${analysed.report.relations.length} relations; ` +
        `${pairs} candidate story pairs over ${pages} stored pages, ${(pairs / pages).toFixed(2)} per page; ` +
        `peak RSS ${mib(peakRss())}`,
    );
  }

  const warnings = [...built.result.warnings, ...(more?.result.warnings ?? [])];
  if (warnings.length > 0) line('warnings', `${warnings.length}, first: ${warnings[0] ?? ''}`);

  // Against issue 10's targets.
  o.print('');
  o.print('issue 10 target                            measured                         verdict');
  const row = (target: string, measured: string, v: string) =>
    o.print(`${target.padEnd(42)} ${measured.padEnd(32)} ${v}`);
  const scale = TARGET.articles / split.corpus;
  const at100k = built.wallMs * scale;
  const extrapolated = split.corpus < TARGET.articles;
  row(
    '100k articles indexed ≤ 5 min',
    extrapolated ? `${secs(at100k)} (linear from ${split.corpus})` : secs(built.wallMs),
    verdict(at100k <= TARGET.wallMs, extrapolated ? '(extrapolated)' : ''),
  );
  row(
    'peak RSS ≤ 4 GB',
    `${mib(rssBuilt)} at ${split.corpus}`,
    verdict(rssBuilt <= TARGET.rssBytes, extrapolated ? `(at ${split.corpus} articles only)` : ''),
  );
  row(
    'time/article flat ±20% 10k → 100k',
    `${(built.wallMs / split.corpus).toFixed(2)} ms/article`,
    'compare with a run at the other size',
  );
  row('query p50 ≤ 20 ms (warm reader)', `${p50.toFixed(0)} ms`, verdict(p50 <= TARGET.queryP50Ms));
  row(
    'query p99 ≤ 100 ms (warm reader)',
    `${p99.toFixed(0)} ms${wall.length < 100 ? ` (max of ${wall.length})` : ''}`,
    verdict(p99 <= TARGET.queryP99Ms),
  );
  if (more === null) row(`add 1,000 articles ≤ 20 s`, 'not run (--more 0)', '');
  else
    row(
      `add 1,000 articles ≤ 20 s`,
      `${secs(more.wallMs)}${split.more === 1000 ? '' : ` for ${split.more} (scaled linearly)`}`,
      verdict(more.wallMs * (1000 / split.more) <= TARGET.addMs),
    );
  row('recall@10 ≥ 0.95', recall.recall.toFixed(4), verdict(recall.recall >= TARGET.recall));
  return warnings.length === 0;
}
