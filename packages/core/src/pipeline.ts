/**
 * The pipeline: every stage in order, each a function of the ones before.
 * Core returns data and emits progress events; it never prints or exits.
 */

import { collapseCopies, corpusCandidates, INDEX } from './ann/index.js';
import { checkPaths, expectKnownOptions, expectOptions, oneOf, rules } from './args.js';
import { embedStories, type EmbeddedCorpus, type Encoder } from './embed/index.js';
import { checkIngestOptions, ingest, INGEST_OPTION_RULES } from './ingest/index.js';
import { drawForest } from './lineage/index.js';
import type { AnalysisResult, PipelineOptions } from './pipeline-types.js';
import {
  plainRelateInput,
  relate,
  relateInput,
  relateInPool,
  scoreMeaning,
} from './relate/index.js';
import { buildReport } from './report/index.js';
import { createRunContext, type RunContext } from './run-context.js';
import { segmentCorpusWithBudget, type PriorSegmentation, type Unit } from './segment/index.js';
import type { IngestedDoc, Report, SegmentedDoc } from './types.js';

/** The types each option accepts. */
const OPTION_RULES = {
  onEvent: rules.function,
  backend: oneOf(['tensorflow', 'wasm', 'cpu']),
  cacheDir: rules.string,
  model: rules.string,
  maxPartners: rules.positiveInt,
  input: rules.object,
  strict: rules.boolean,
  includeText: rules.boolean,
  onCandidate: rules.function,
  docTimeoutMs: rules.positive,
  alignThreads: rules.positiveInt,
};

/** The align stage's worker threads as STEMMA_ALIGN_THREADS gives them (a whole number from 1), else 1. */
function envThreads(): number {
  const n = Number(process.env['STEMMA_ALIGN_THREADS'] ?? '');
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/**
 * Checks what plain JavaScript may pass: paths (an array, or one path string)
 * and the options' types.
 * @throws CoreError INVALID_ARGUMENT naming `fn` and the argument;
 *   INVALID_OPTION for an option it does not have (`maxBytes` beside `input`).
 */
function checkArgs(fn: string, paths: unknown, options: unknown): readonly string[] {
  const inputs = checkPaths(paths, fn);
  expectOptions(options, `${fn}: options`, OPTION_RULES);
  // What ingest takes, given beside `input` rather than in it.
  const hints = Object.fromEntries(
    Object.keys(INGEST_OPTION_RULES).map((k) => [k, `options.input.${k}`]),
  );
  expectKnownOptions(options, `${fn}: options`, Object.keys(OPTION_RULES), hints);
  checkIngestOptions((options as PipelineOptions | undefined)?.input, `${fn}: options.input`, true);
  return inputs;
}

/**
 * Runs every stage in order over the given inputs (files, folders, "-" for
 * stdin, http(s) URLs). A single string is read as one path.
 * @throws CoreError NO_DOCUMENTS when no input could be read; MODEL_LOAD_FAILED
 *   when a given model cannot be loaded; STRICT_WARNINGS with `strict` when
 *   reading, segmenting or embedding warned; INVALID_ARGUMENT when `paths` or an option
 *   has the wrong type; INVALID_OPTION for an option it does not have.
 */
export async function runPipeline(
  paths: readonly string[] | string,
  options: PipelineOptions = {},
): Promise<AnalysisResult> {
  const inputs = checkArgs('runPipeline', paths, options);
  const context = createRunContext(options);
  return analyzeSegmentedDocs(await readAndSegment(inputs, options, context), options, context);
}

/**
 * The ingest and segment stages. The pages' text as read is unreachable once
 * this returns: the stages after read the segmented paragraphs, so a page is
 * not held twice (its text and its paragraphs) for the rest of the run.
 * @throws as {@link runPipeline}.
 */
async function readAndSegment(
  inputs: readonly string[],
  options: PipelineOptions,
  context: RunContext,
): Promise<readonly SegmentedDoc[]> {
  const input = {
    ...options.input,
    onWarning: context.warn,
    ...(options.docTimeoutMs !== undefined ? { docTimeoutMs: options.docTimeoutMs } : {}),
  };
  const ingested = await context.stage(
    'ingest',
    inputs.length,
    () => ingest(inputs, input),
    (r) => r.docs.length,
  );
  context.failIfStrict();
  return segmentStage(ingested.docs, options, context);
}

/** What the segment stage may reuse instead of reading or segmenting again (in-thread only). */
export interface SegmentReuse {
  /** Segmentations to reuse where they are this run's ({@link PriorSegmentation}). */
  readonly prior?: PriorSegmentation | undefined;
  /**
   * A document's lines when the caller read them already (`toUnits` of its
   * text, a copy of its own: segmenting changes them); see segmentCorpusWithBudget.
   */
  readonly lines?: ((doc: IngestedDoc) => Unit[] | undefined) | undefined;
}

/**
 * The segment stage.
 * @throws CoreError STRICT_WARNINGS with `strict` when segmenting warned.
 */
export async function segmentStage(
  ingestedDocs: readonly IngestedDoc[],
  options: PipelineOptions,
  context: RunContext,
  inThread = false,
  reuse: SegmentReuse = {},
): Promise<readonly SegmentedDoc[]> {
  const segmentOptions = {
    onProgress: context.progress('segment'),
    onWarning: context.warn,
    ...(options.docTimeoutMs !== undefined ? { timeoutMs: options.docTimeoutMs } : {}),
    ...(inThread ? { inThread } : {}),
    ...(reuse.prior !== undefined ? { prior: reuse.prior } : {}),
    ...(reuse.lines ? { lines: reuse.lines } : {}),
  };
  const docs = await context.stage(
    'segment',
    ingestedDocs.length,
    () => segmentCorpusWithBudget(ingestedDocs, segmentOptions),
    (r) => r.length,
  );
  context.failIfStrict();
  return docs;
}

/**
 * The stages after reading, over documents already read (from an index):
 * segment → embed → index → align → lineage → report. `runPipeline` is
 * `ingest` then this, so a stored corpus gives the report its pages would.
 * `resident.encoder`, when given, is used instead of a new one and left
 * undisposed. `resident.segmentInThread` segments and aligns on the calling
 * thread rather than in workers (same results; a document over its time
 * budget is then found only once done): for the few documents of one query,
 * starting the workers costs more than the work. `resident.answerFor`, a
 * document id, tells that only the relations touching its stories will be
 * read: the others are drawn and judged as always (the lineage reads them)
 * but come without their paraphrase score and extent. `resident.prior`
 * and `resident.lines` are what the segment stage may reuse
 * ({@link SegmentReuse}).
 * @throws CoreError STRICT_WARNINGS with `strict` when segmenting or embedding warned.
 */
export async function analyzeDocs(
  ingestedDocs: readonly IngestedDoc[],
  options: PipelineOptions,
  context: RunContext,
  resident: Resident & SegmentReuse = {},
): Promise<AnalysisResult> {
  const docs = await segmentStage(
    ingestedDocs,
    options,
    context,
    resident.segmentInThread,
    resident,
  );
  return analyzeSegmentedDocs(docs, options, context, resident);
}

/** What a caller keeps between runs, and what it tells a run (see {@link analyzeDocs}). */
export interface Resident {
  readonly encoder?: Encoder;
  readonly segmentInThread?: boolean;
  readonly answerFor?: string;
  /** The stories' vectors, computed already (see {@link analyzeSegmentedDocs}). */
  readonly embedded?: EmbeddedCorpus;
}

/**
 * The stages after segmenting, over documents segmented already (the stored
 * lineage segments its groups first, to embed them together): embed → index
 * → align → lineage → report. `resident.embedded`, when given, holds the
 * stories' vectors (the embed stage then encodes nothing); it must come from
 * `resident.encoder` and, unless that encoder is batch independent, from
 * embedding exactly these stories.
 * @throws as {@link analyzeDocs}.
 */
export async function analyzeSegmentedDocs(
  docs: readonly SegmentedDoc[],
  options: PipelineOptions,
  context: RunContext,
  resident: Resident = {},
): Promise<AnalysisResult> {
  const { encoder, segmentInThread: inThread = false, embedded: precomputed, answerFor } = resident;
  const { stage, progress, warn, failIfStrict, ...run } = context;
  const stories = docs.flatMap((d) => d.stories);
  // The stories whose relations the caller reads (all of them by default).
  const read =
    answerFor === undefined
      ? undefined
      : new Set(stories.filter((s) => s.docId === answerFor).map((s) => s.id));
  const touches = (x: string, y: string) => read === undefined || read.has(x) || read.has(y);

  const paragraphs = stories.reduce((n, s) => n + s.paragraphs.length, 0);
  const embedOptions = {
    ...options,
    onNotice: run.notice,
    onProgress: progress('embed'),
    onWarning: warn,
    docPaths: new Map(docs.map((d) => [d.id, d.path])),
    ...(encoder === undefined ? {} : { encoder }),
  };
  const embedded = await stage(
    'embed',
    paragraphs,
    async () => precomputed ?? embedStories(stories, embedOptions),
    () => paragraphs,
  );
  try {
    failIfStrict();
    // Documents whose embedding overran the budget leave the run here.
    const kept =
      embedded.dropped.size === 0 ? docs : docs.filter((d) => !embedded.dropped.has(d.id));
    const keptStories = embedded.stories.map((e) => e.story);
    const maxPartners = options.maxPartners ?? INDEX.maxPartners;
    // Identical bodies beyond the partner cap meet the corpus through one of them.
    const pagePublished = new Map(kept.map((d) => [d.id, d.published]));
    const copyOf = collapseCopies(keptStories, {
      maxPartners,
      pagePublished: (id) => pagePublished.get(id),
    });
    const indexOptions = { maxPartners, copyOf, onProgress: progress('index') };
    const candidates = await stage(
      'index',
      2 * paragraphs,
      () => corpusCandidates(embedded, indexOptions),
      (r) => r.length,
    );

    // Lexical features of every unit count as alignment time. The pairs are
    // judged in worker threads when there are enough of them (relate/pool.ts).
    const alignOptions = {
      onProgress: progress('align'),
      onCandidate: options.onCandidate,
      threads: options.alignThreads ?? envThreads(),
      ...(inThread ? { inThread } : {}),
    };
    const { encoder: enc } = embedded;
    // Without worker threads the stories are built once, in place: the pool's
    // plain copy of them would stay alive beside them for the whole stage
    // (a 2-million-character page peaked at 1.2 GiB instead of under 1).
    const pooled = alignOptions.threads >= 2 && !inThread;
    const related = await stage(
      'align',
      candidates.length,
      async () =>
        scoreMeaning(
          pooled
            ? await relateInPool(
                {
                  plain: plainRelateInput(kept, embedded, candidates),
                  copyOf,
                  ...(enc.wordRank ? { rank: (w: string) => enc.wordRank?.(w) } : {}),
                  ...(enc.vocabulary ? { vocabulary: () => enc.vocabulary!() } : {}),
                },
                alignOptions,
              )
            : relate({ ...relateInput(kept, embedded, candidates), copyOf }, alignOptions),
          embedded,
          undefined,
          (pair) => touches(pair.a, pair.b),
        ),
      (r) => r.derived.length,
    );

    const forest = await stage(
      'lineage',
      related.derived.length,
      () => drawForest(keptStories, related, { rank: (w) => embedded.encoder.wordRank?.(w) }),
      (r) => r.relations.length,
    );

    const report = buildReport({
      docs: kept,
      forest,
      encoder: embedded.encoder.info,
      warnings: run.warnings,
      includeText: options.includeText ?? false,
      measured: (r) => touches(r.parent, r.child),
      ...(embedded.encoder.wordRank ? { wordRank: (w) => embedded.encoder.wordRank?.(w) } : {}),
    });
    return { report, stories: new Map(keptStories.map((s) => [s.id, s])) };
  } finally {
    // An encoder the caller gave is the caller's to dispose of.
    if (encoder === undefined) embedded.encoder.dispose();
  }
}

/**
 * Analyses a corpus and returns the report the CLI prints as JSON. A single
 * string is read as one path.
 * @throws CoreError NO_DOCUMENTS when no input could be read; INVALID_ARGUMENT
 *   when `paths` or an option has the wrong type.
 */
export async function analyze(
  paths: readonly string[] | string,
  options: PipelineOptions = {},
): Promise<Report> {
  checkArgs('analyze', paths, options);
  return (await runPipeline(paths, options)).report;
}
