/**
 * What `stemma index …`, `stemma query` and `analyze --index` do, over the
 * pipeline's own stages: pages are read by `ingest`, split by
 * `segmentCorpus`, encoded by the run's encoder; a stored corpus is analysed
 * by the same `analyzeDocs` a one-shot run ends with.
 */

import { createRequire } from 'node:module';
import {
  checkPaths,
  expectArrayOf,
  expectKnownOptions,
  expectOptions,
  expectString,
  oneOf,
  rules,
  type Rule,
} from '../args.js';
import { createEncoder, type Encoder, type EncoderChoice } from '../embed/index.js';
import { CoreError } from '../errors.js';
import {
  checkIngestOptions,
  ingest,
  ingestWith,
  ReadBudget,
  type IngestOptions,
} from '../ingest/index.js';
import { analyzeDocs } from '../pipeline.js';
import { storyLabel } from '../report/index.js';
import type { AnalysisResult, PipelineOptions } from '../pipeline-types.js';
import { createRunContext } from '../run-context.js';
import type { StageName } from '../stages.js';
import { segmentCorpusWithBudget, segmentUnits, toUnits, type Unit } from '../segment/index.js';
import type { IngestedDoc, Report, Story } from '../types.js';
import { redrawLineage, storedReport, type LineageRedraw, type LineageSubject } from './lineage.js';
import { withIndex } from './maintenance.js';
import {
  documentHash,
  IndexStore,
  mapDbError,
  paragraphHash,
  type StoredDocInput,
  type StoredRelation,
} from './store.js';
import type {
  IndexAddResult,
  IndexLineageSummary,
  IndexReader,
  IndexReaderOptions,
  IndexReaderQueryOptions,
  IndexRunOptions,
  IndexSession,
  IndexSessionAddResult,
  IndexSessionOptions,
  IndexSessionPage,
  QueryCandidate,
  QueryMatch,
  QueryOptions,
  QueryResult,
} from './types.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

const RUN_RULES = {
  onEvent: rules.function,
  backend: oneOf(['tensorflow', 'wasm', 'cpu']),
  cacheDir: rules.string,
  model: rules.string,
  input: rules.object,
  strict: rules.boolean,
  docTimeoutMs: rules.positive,
};
const READER_RULES = {
  ...RUN_RULES,
  candidates: rules.positiveInt,
  k: rules.positiveInt,
};
const QUERY_RULES = { ...READER_RULES, add: rules.boolean };
/** What one reader query may change: not the encoder, which the reader holds. */
const QUERY_ONLY_RULES = {
  onEvent: rules.function,
  input: rules.object,
  strict: rules.boolean,
  candidates: READER_RULES.candidates,
  k: READER_RULES.k,
};
const SESSION_RULES = {
  onEvent: rules.function,
  backend: RUN_RULES.backend,
  cacheDir: rules.string,
  model: rules.string,
  input: rules.object,
  candidates: rules.positiveInt,
  k: rules.positiveInt,
};
/** Cosine floor for a stored paragraph to count as near one of the page's. */
const NEAR = 0.5;

function checkRun(
  fn: string,
  dir: unknown,
  options: unknown,
  known: Readonly<Record<string, Rule>> = RUN_RULES,
): void {
  expectString(dir, `${fn}: dir`);
  expectOptions(options, `${fn}: options`, known);
  expectKnownOptions(options, `${fn}: options`, Object.keys(known));
  checkIngestOptions((options as IndexRunOptions | undefined)?.input, `${fn}: options.input`, true);
}

/** The reading options of a run: its `input`, its warnings, and its --doc-timeout. */
function readOptions(
  options: IndexRunOptions,
  run: ReturnType<typeof createRunContext>,
): IngestOptions {
  return {
    ...options.input,
    onWarning: run.warn,
    ...(options.docTimeoutMs !== undefined ? { docTimeoutMs: options.docTimeoutMs } : {}),
  };
}

/** `base`, or `base-2`, `base-3`… when taken. */
function freeId(base: string, taken: { has(id: string): boolean }): string {
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Reads, segments and embeds the pages not yet in the index, and stores
 * them as one new generation. Pages whose content hash is stored are passed
 * over; paragraph texts already stored are not embedded again.
 * @throws CoreError NO_DOCUMENTS when no input could be read; INDEX_LOCKED
 *   when another writer holds the index; INDEX_FOREIGN, INDEX_DATABASE_DAMAGED,
 *   INDEX_VECTORS_DAMAGED for a folder that is not a sound index;
 *   INVALID_ARGUMENT for arguments of the wrong type.
 */
export async function indexAdd(
  dir: string,
  paths: readonly string[] | string,
  options: IndexRunOptions = {},
): Promise<IndexAddResult> {
  checkRun('indexAdd', dir, options);
  const inputs = checkPaths(paths, 'indexAdd');
  const run = createRunContext(options);
  return withIndex(dir, { write: true, create: true }, async (store) => {
    const ingested = await run.stage(
      'ingest',
      inputs.length,
      () => ingest(inputs, readOptions(options, run)),
      (r) => r.docs.length,
    );
    run.failIfStrict();
    return addDocs(store, ingested.docs, options, run);
  });
}

async function addDocs(
  store: IndexStore,
  docs: readonly IngestedDoc[],
  options: IndexRunOptions,
  run: ReturnType<typeof createRunContext>,
  shared?: Encoder,
): Promise<IndexAddResult> {
  const taken = store.docIds();
  const seen = new Set<string>();
  const skipped: { path: string; id: string }[] = [];
  let fresh: { doc: IngestedDoc; hash: string }[] = [];
  const replaces: string[] = [];
  for (const doc of docs) {
    const hash = documentHash(doc);
    const stored = store.docByHash(hash);
    if (stored !== undefined || seen.has(hash)) {
      skipped.push({ path: doc.path, id: stored?.id ?? doc.id });
      continue;
    }
    seen.add(hash);
    // The same path with other content: a new version of the stored page, under its id.
    const previous = store.docByPath(doc.path);
    if (previous !== undefined && !replaces.includes(previous.id)) {
      replaces.push(previous.id);
      fresh.push({ doc: { ...doc, id: previous.id }, hash });
      continue;
    }
    const id = freeId(doc.id, taken);
    if (id !== doc.id)
      run.warn(`${doc.path}: the index already has a page with id "${doc.id}"; stored as "${id}"`);
    taken.add(id);
    fresh.push({ doc: id === doc.id ? doc : { ...doc, id }, hash });
  }
  let lineage: LineageRedraw | undefined;
  const result = (
    embedded: number,
    duplicateParagraphs: number,
    stories: Story[][],
  ): IndexAddResult => ({
    index: store.dir,
    generation: store.generation,
    ...(replaces.length > 0
      ? { versions: replaces.filter((id) => fresh.some((f) => f.doc.id === id)) }
      : {}),
    added: fresh.map(({ doc }, i) => ({
      id: doc.id,
      path: doc.path,
      stories: stories[i]?.length ?? 0,
      paragraphs: (stories[i] ?? []).reduce((n, s) => n + s.paragraphs.length, 0),
    })),
    skipped,
    embedded,
    duplicateParagraphs,
    warnings: run.warnings,
    ...(lineage === undefined ? {} : { lineage: lineageSummary(lineage) }),
  });
  // Pages a schema 2 build stored have no lineage yet: this write draws it.
  const unrelated = store.unrelatedDocs();
  if (fresh.length === 0 && unrelated.length === 0) return result(0, 0, []);

  // The keys this segmenting takes for boilerplate: relating reuses its pages' segmentation by them.
  let boilerplate: ReadonlySet<string> = new Set();
  const segmented = await run.stage(
    'segment',
    fresh.length,
    () =>
      // In worker threads (both cores), each page within its --doc-timeout.
      segmentCorpusWithBudget(
        fresh.map((f) => f.doc),
        {
          onBoilerplate: (keys) => (boilerplate = keys),
          onProgress: run.progress('segment'),
          onWarning: run.warn,
          ...(options.docTimeoutMs !== undefined ? { timeoutMs: options.docTimeoutMs } : {}),
        },
      ),
    (r) => r.length,
  );
  run.failIfStrict();
  // A page that overran its budget was dropped with a warning: it is not stored.
  const byId = new Map(segmented.map((d) => [d.id, d]));
  fresh = fresh.filter((f) => byId.has(f.doc.id));
  const stories = fresh.map((f) => [...(byId.get(f.doc.id)?.stories ?? [])]);

  // Exact copies first: a text stored before, or twice in this batch, is embedded once.
  const texts = new Map<string, string>();
  // Each paragraph text hashed once here (the lineage's subjects read the hashes again).
  const hashes = new Map<string, string>();
  const hashOf = (text: string) => {
    let h = hashes.get(text);
    if (h === undefined) hashes.set(text, (h = paragraphHash(text)));
    return h;
  };
  let paragraphs = 0;
  for (const s of stories.flat())
    for (const p of s.paragraphs) {
      paragraphs++;
      texts.set(hashOf(p.text), p.text);
    }
  const known = store.knownHashes(texts.keys());
  const toEmbed = [...texts].filter(([h]) => !known.has(h));
  const embedding = toEmbed.length;
  texts.clear();
  const vectors = new Map<string, Float32Array>();
  const encoder = shared ?? (await createEncoder({ ...options, onNotice: run.notice }));
  try {
    // Before any work: vectors of another encoder cannot join the stored ones.
    store.assertEncoder(encoder.info);
    await run.stage(
      'embed',
      toEmbed.length,
      async () => {
        const out = await encoder.encode(
          toEmbed.map(([, t]) => t),
          { onProgress: run.progress('embed') },
        );
        const d = encoder.info.dimensions;
        toEmbed.forEach(([h], i) => vectors.set(h, out.slice(i * d, (i + 1) * d)));
      },
      () => embedding,
    );
    // Nor are they held through relating, which holds the whole write.
    toEmbed.length = 0;
    const input: StoredDocInput[] = fresh.map((f, i) => ({ ...f, stories: stories[i] ?? [] }));
    const hashesOf = store.paragraphHashesOf(unrelated);
    const subjects: LineageSubject[] = [
      ...store.documents(unrelated).map((doc) => ({ doc, hashes: hashesOf.get(doc.id) ?? [] })),
      ...input.map((f) => ({
        doc: f.doc,
        hashes: f.stories.flatMap((s) => s.paragraphs.map((p) => hashOf(p.text))),
      })),
    ];
    hashes.clear();
    // Relating runs the pipeline's stages again per group: their events are
    // summed into the result, not passed on as stages of this run.
    lineage = await redrawLineage({
      store,
      subjects,
      vectors,
      firstLabel: store.nextVectorLabel(),
      gone: new Set(replaces),
      segmented: { boilerplate, docs: byId },
      encoder,
      encoderChoice: encoderChoice(options),
      ...(options.backend === undefined ? {} : { backend: options.backend }),
    });
    const change = lineage.change;
    await run.stage(
      'index',
      fresh.length,
      () =>
        store.add(input, vectors, encoder.info, {
          lineage: change,
          replaces,
          ...(lineage?.graph === undefined ? {} : { graph: lineage.graph }),
        }),
      () => fresh.length,
    );
  } finally {
    if (shared === undefined) encoder.dispose();
  }
  return result(embedding, paragraphs - embedding, stories);
}

/**
 * Analyses every page stored in the index, as `runPipeline` would analyse
 * the same pages read from disk (the pages are not read again).
 * @throws CoreError NO_DOCUMENTS when the index is empty; INDEX_MISSING,
 *   INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function analyzeIndex(
  dir: string,
  options: Omit<PipelineOptions, 'input'> = {},
): Promise<AnalysisResult> {
  expectString(dir, 'analyzeIndex: dir');
  const known = {
    ...RUN_RULES,
    maxPartners: rules.positiveInt,
    includeText: rules.boolean,
    onCandidate: rules.function,
    docTimeoutMs: rules.positive,
  };
  expectOptions(options, 'analyzeIndex: options', known);
  // The pages are read already: `input` has nothing left to say.
  expectKnownOptions(
    options,
    'analyzeIndex: options',
    Object.keys(known).filter((k) => k !== 'input'),
  );
  const run = createRunContext(options);
  const docs = await withIndex(dir, { write: false }, (store) =>
    run.stage(
      'ingest',
      1,
      () => store.documents(),
      (r) => r.length,
    ),
  );
  if (docs.length === 0) throw new CoreError('NO_DOCUMENTS', dir);
  return analyzeDocs(docs, options, run);
}

/**
 * The report of the lineage stored in the index (drawn when its pages were
 * added), without running the pipeline: it reads the stored relations and
 * report parts only, so it scales with the index's size on disk, not with
 * the pipeline's memory.
 * @throws CoreError NO_DOCUMENTS when the index is empty; INDEX_MISSING,
 *   INDEX_FOREIGN, INDEX_DATABASE_DAMAGED; INVALID_ARGUMENT.
 */
export async function storedIndexReport(
  dir: string,
  options: { readonly includeText?: boolean } = {},
): Promise<Report> {
  expectString(dir, 'storedIndexReport: dir');
  const known = { includeText: rules.boolean };
  expectOptions(options, 'storedIndexReport: options', known);
  expectKnownOptions(options, 'storedIndexReport: options', Object.keys(known));
  return withIndex(dir, { write: false }, (store) =>
    storedReport(store, {
      ...options,
      generator: { name: 'stemma', version: pkg.version },
    }),
  );
}

/**
 * Removes pages by id as one new generation, and re-draws the lineage of
 * the components they were in (over the pages left in them), committed with
 * the removal.
 * @returns the ids removed and those not found, the generation committed.
 * @throws CoreError INDEX_LOCKED, INDEX_MISSING, INDEX_FOREIGN,
 *   INDEX_DATABASE_DAMAGED, INDEX_VECTORS_DAMAGED; MODEL_LOAD_FAILED;
 *   INVALID_ARGUMENT.
 */
export async function indexRemove(
  dir: string,
  ids: readonly string[],
  options: Pick<IndexRunOptions, 'backend' | 'cacheDir' | 'model' | 'onEvent'> = {},
): Promise<{
  readonly removed: readonly string[];
  readonly missing: readonly string[];
  readonly generation: number;
  /** The lineage re-drawn over the pages left in the components the removed ones were in. */
  readonly lineage?: IndexLineageSummary;
}> {
  expectString(dir, 'indexRemove: dir');
  expectArrayOf(ids, 'indexRemove: ids', rules.string, 'an array of page ids');
  const known = {
    backend: RUN_RULES.backend,
    cacheDir: rules.string,
    model: rules.string,
    onEvent: rules.function,
  };
  expectOptions(options, 'indexRemove: options', known);
  expectKnownOptions(options, 'indexRemove: options', Object.keys(known));
  const run = createRunContext(options);
  return withIndex(dir, { write: true }, async (store) => {
    const present = store.docIds();
    const gone = new Set(ids.filter((id) => present.has(id)));
    // Only a component that keeps pages needs the pipeline (and an encoder).
    const left = store
      .docsOfComponents(new Set(store.componentsOf(gone).values()))
      .filter((id) => !gone.has(id));
    let lineage: LineageRedraw | undefined;
    if (gone.size > 0 && (left.length > 0 || store.unrelatedDocs().length > 0)) {
      const encoder = await createEncoder({ ...options, onNotice: run.notice });
      try {
        lineage = await redrawLineage({
          store,
          subjects: [],
          vectors: new Map(),
          gone,
          encoder,
          encoderChoice: encoderChoice(options),
          ...(options.backend === undefined ? {} : { backend: options.backend }),
        });
      } finally {
        encoder.dispose();
      }
    }
    const change = lineage?.change ?? {
      drop: [...new Set(store.componentsOf(gone).values())],
      components: [],
    };
    return {
      ...store.remove(ids, change),
      generation: store.generation,
      ...(lineage === undefined ? {} : { lineage: lineageSummary(lineage) }),
    };
  });
}

/** The encoder `createEncoder(options)` builds, described for a worker thread to build it too. */
function encoderChoice(
  options: Pick<IndexRunOptions, 'backend' | 'cacheDir' | 'model'>,
): Omit<EncoderChoice, 'onNotice'> {
  return {
    ...(options.model === undefined ? {} : { model: options.model }),
    ...(options.backend === undefined ? {} : { backend: options.backend }),
    ...(options.cacheDir === undefined ? {} : { cacheDir: options.cacheDir }),
  };
}

/** What a write's re-draw of the lineage did, rounded for the result. */
function lineageSummary(l: LineageRedraw): IndexLineageSummary {
  const stages = Object.fromEntries(
    Object.entries(l.ms.stages).map(([k, v]) => [k, Math.round(v)]),
  ) as IndexLineageSummary['ms']['stages'];
  return {
    groups: l.groups,
    pages: l.pages,
    largest: l.largest,
    components: l.change.components.length,
    relations: l.relations,
    ms: { candidates: Math.round(l.ms.candidates), relate: Math.round(l.ms.relate), stages },
  };
}

/**
 * Where did this page come from, and what derives from it: the stored pages
 * nearest to it (exact paragraph copies by hash, then the vector index) are
 * related to it by the pipeline's own stages, and the relations that touch
 * it are returned, strongest first. The page is stored only with `add`.
 * One call opens an {@link IndexReader}, asks it, and closes it; a caller
 * with several pages keeps one reader open instead ({@link openIndexReader}).
 * @throws CoreError NO_DOCUMENTS when the page cannot be read; INDEX_MISSING,
 *   INDEX_FOREIGN, INDEX_DATABASE_DAMAGED, INDEX_VECTORS_DAMAGED
 *   (INDEX_LOCKED with `add`); INVALID_ARGUMENT.
 */
export async function queryIndex(
  dir: string,
  page: string,
  options: QueryOptions = {},
): Promise<QueryResult> {
  checkRun('queryIndex', dir, options, QUERY_RULES);
  expectString(page, 'queryIndex: page');
  const t0 = performance.now();
  const { add, ...rest } = options;
  const reader = await openReader(dir, rest);
  try {
    const { result, doc } = await reader.answer(page, rest, t0);
    if (add !== true || result.alreadyIndexed !== null) return result;
    const run = createRunContext(options);
    const encoder = await reader.encoder();
    await withIndex(dir, { write: true }, (store) => addDocs(store, [doc], options, run, encoder));
    return { ...result, added: true };
  } finally {
    await reader.close();
  }
}

/** The encoder of a session or reader: built on first need, kept until disposed. */
function lazyEncoder(options: IndexSessionOptions): {
  get: () => Promise<Encoder>;
  dispose: () => Promise<void>;
} {
  let building: Promise<Encoder> | undefined;
  return {
    get: () =>
      (building ??= createEncoder({ ...options, onNotice: createRunContext(options).notice }).catch(
        (error: unknown) => {
          building = undefined; // the next call tries again
          throw error;
        },
      )),
    async dispose() {
      (await building?.catch(() => undefined))?.dispose();
    },
  };
}

/**
 * Runs calls one at a time, in the order made (a session's additions, a
 * reader's queries); `close` waits for the call under way, then `release`s.
 */
function oneAtATime(release: () => Promise<void>) {
  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  return {
    get closed() {
      return closed;
    },
    run<T>(work: () => Promise<T>): Promise<T> {
      const next = queue.then(work);
      queue = next.catch(() => undefined);
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      await release();
    },
  };
}

/** The stored pages nearest `doc` (at most `candidates`), read back for relating. */
async function retrieveNear(
  store: IndexStore,
  doc: IngestedDoc,
  options: IndexSessionOptions,
  encoder: Encoder,
  lines: () => Unit[],
): Promise<{
  readonly candidates: QueryCandidate[];
  readonly near: IngestedDoc[];
  readonly ms: { readonly search: number; readonly load: number };
}> {
  const t0 = performance.now();
  const found = await nearest(store, doc, options, encoder, lines);
  const candidates = found.slice(0, options.candidates ?? 20);
  const t1 = performance.now();
  const near = store.documents(candidates.map((c) => c.docId));
  return { candidates, near, ms: { search: t1 - t0, load: performance.now() - t1 } };
}

/**
 * The resident side of {@link queryIndex}: a read-only store, one encoder and
 * the loaded vector graph, kept between questions. Shared by queryIndex
 * (open → one answer → close) and {@link openIndexReader}.
 */
async function openReader(dir: string, options: IndexReaderOptions) {
  const store = await IndexStore.open(dir, { write: false });
  const encoder = lazyEncoder(options);
  // HTML and Markdown pages are read in one worker kept for the reader's life.
  const budget = new ReadBudget(options.input?.docTimeoutMs);
  const calls = oneAtATime(async () => {
    try {
      budget.close();
      await encoder.dispose();
    } finally {
      store.close();
    }
  });
  const answerNow = async (
    page: string,
    asked: IndexReaderOptions,
    t0 = performance.now(),
  ): Promise<{ result: QueryResult; doc: IngestedDoc }> => {
    const run = createRunContext(asked);
    try {
      const enc = await encoder.get();
      const timeoutMs = asked.input?.docTimeoutMs ?? budget.timeoutMs;
      const read = await ingestWith(
        [page],
        { ...asked.input, onWarning: run.warn },
        timeoutMs === budget.timeoutMs ? budget : null,
      );
      const tRead = performance.now();
      const first = read.docs[0];
      if (first === undefined || read.docs.length > 1)
        throw new CoreError(
          'INVALID_OPTION',
          page,
          `holds ${read.docs.length} pages; stemma query takes one page (add a corpus with stemma index add)`,
        );
      const already = store.docByHash(documentHash(first));
      const doc =
        already === undefined
          ? { ...first, id: freeId(first.id, { has: (id) => store.hasDoc(id) }) }
          : { ...first, id: already.id };
      // The page's lines are read once: nearest segments the page alone and
      // relate with its candidates. Segmenting changes the lines it is given
      // (their kinds), so each takes a copy.
      const pageLines = toUnits(doc.text);
      const linesOfPage = () => pageLines.map((u) => ({ ...u }));
      const { candidates, near, ms } = await retrieveNear(store, doc, asked, enc, linesOfPage);
      const t1 = performance.now();
      let parents: QueryMatch[] = [];
      let children: QueryMatch[] = [];
      let pageStories: string[] = [];
      let title = doc.meta.title;
      let stages: Partial<Record<StageName, number>> = {};
      if (near.length > 0 || already === undefined) {
        const r = await relate(near, doc, asked, enc, linesOfPage);
        ({ parents, children, pageStories, stages } = r);
        title ??= r.title;
      }
      const t2 = performance.now();
      const staged = Object.values(stages).reduce((a, b) => a + b, 0);
      const round = (x: number | undefined) => Math.round(x ?? 0);
      const result: QueryResult = {
        index: dir,
        page: { id: doc.id, path: doc.path, title, stories: pageStories },
        alreadyIndexed: already?.id ?? null,
        parents,
        children,
        candidates,
        added: false,
        ms: {
          retrieve: Math.round(t1 - t0),
          relate: Math.round(t2 - t1),
          stages: {
            read: round(tRead - t0),
            search: round(ms.search),
            load: round(ms.load),
            segment: round(stages.segment),
            embed: round(stages.embed),
            index: round(stages.index),
            align: round(stages.align),
            lineage: round(stages.lineage),
            // The rest of relating; never below 0 when the stages' own rounding overshoots.
            report: Math.max(0, Math.round(t2 - t1) - staged),
          },
        },
      };
      return { result, doc };
    } catch (error) {
      throw mapDbError(dir, error);
    }
  };
  return {
    store,
    encoder: encoder.get,
    budget,
    answer(page: string, asked: IndexReaderOptions, t0?: number) {
      if (calls.closed)
        return Promise.reject(
          new CoreError('INVALID_ARGUMENT', 'IndexReader.query', 'called after close()'),
        );
      // One at a time: the encoder and the graph are not shared between answers in flight.
      return calls.run(() => answerNow(page, asked, t0));
    },
    close: calls.close,
  };
}

/**
 * Opens the index for reading and keeps it open: the read handle, one
 * encoder and the vector graph are kept between questions, so each
 * {@link IndexReader.query} pays only for its page. Never takes the write
 * lock; a query after a writer has committed a newer generation (`stemma
 * index add`, `stemma watch`) sees it (one small read per query tells).
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED,
 *   INDEX_TOO_NEW; INVALID_ARGUMENT for arguments of the wrong type.
 */
export async function openIndexReader(
  dir: string,
  options: IndexReaderOptions = {},
): Promise<IndexReader> {
  checkRun('openIndexReader', dir, options, READER_RULES);
  const reader = await openReader(dir, options);
  return {
    dir,
    get generation() {
      return reader.store.generation;
    },
    async warm() {
      reader.budget.warm();
      await reader.encoder();
      reader.store.graph();
    },
    async query(page, asked: IndexReaderQueryOptions = {}) {
      checkRun('IndexReader.query', dir, asked, QUERY_ONLY_RULES);
      expectString(page, 'IndexReader.query: page');
      return (await reader.answer(page, { ...options, ...asked })).result;
    },
    close: () => reader.close(),
  };
}

/**
 * Relates `doc` to the stored pages `docs` with the pipeline's own stages:
 * the relations whose one end is a story of `doc` (hidden sources left out),
 * strongest first.
 */
async function relate(
  docs: readonly IngestedDoc[],
  doc: IngestedDoc,
  options: IndexRunOptions,
  encoder: Encoder,
  lines: () => Unit[],
): Promise<{
  parents: QueryMatch[];
  children: QueryMatch[];
  pageStories: string[];
  title: string | null;
  /** Milliseconds of each pipeline stage run. */
  stages: Partial<Record<StageName, number>>;
}> {
  const paths = new Map(docs.map((d) => [d.id, d.path]));
  const parents: QueryMatch[] = [];
  const children: QueryMatch[] = [];
  const stages: Partial<Record<StageName, number>> = {};
  // The stages' events are timed here, not passed on: a query is one step to its caller.
  const timed = createRunContext({
    onEvent: (e) => {
      if (e.type === 'stage-end') stages[e.stage] = e.ms;
    },
  });
  // In-thread: the page was segmented on this thread already (nearest), and
  // the stored pages were segmented whole when they were added.
  // Only the relations touching the page are read: the others are judged
  // (the lineage reads them) but neither scored for meaning nor measured.
  const result = await analyzeDocs([...docs, doc], { ...options, onEvent: undefined }, timed, {
    encoder,
    segmentInThread: true,
    answerFor: doc.id,
    lines: (d) => (d === doc ? lines() : undefined),
  });
  const report = result.report;
  const mine = new Set(
    [...result.stories.values()].filter((s) => s.docId === doc.id).map((s) => s.id),
  );
  const pageStories = [...mine];
  const title = result.stories.get(pageStories[0] ?? '')?.title ?? null;
  const match = (
    direction: 'parent' | 'child',
    story: string,
    queryStory: string,
    r: (typeof report.relations)[number],
  ): QueryMatch => {
    // result.stories is already a map by id: no copies of it per field.
    const s = result.stories.get(story);
    const docId = s?.docId ?? story;
    const storyTitle = s?.title ?? null;
    const outlet = s?.outlet ?? null;
    return {
      direction,
      story,
      docId,
      path: paths.get(docId) ?? '',
      title: storyTitle,
      outlet,
      label: storyLabel({ id: story, title: storyTitle, outlet }),
      queryStory,
      kind: r.kind,
      confidence: r.confidence,
      evidence: r.evidence,
      alignedParagraphs: r.alignment.length,
      ...(r.extent === undefined ? {} : { extent: r.extent }),
      ...(r.pWholly === undefined ? {} : { pWholly: r.pWholly }),
    };
  };
  for (const r of report.relations) {
    if (mine.has(r.child) && !mine.has(r.parent) && !r.parent.startsWith('hidden:'))
      parents.push(match('parent', r.parent, r.child, r));
    if (mine.has(r.parent) && !mine.has(r.child) && !r.child.startsWith('hidden:'))
      children.push(match('child', r.child, r.parent, r));
  }
  const byConfidence = (a: QueryMatch, b: QueryMatch) =>
    b.confidence - a.confidence || (a.story < b.story ? -1 : 1);
  return {
    parents: parents.sort(byConfidence),
    children: children.sort(byConfidence),
    pageStories,
    title,
    stages,
  };
}

/** Stored pages sharing paragraphs with `doc`: exact copies by hash, then near ones by vector; most shared first. */
async function nearest(
  store: IndexStore,
  doc: IngestedDoc,
  options: QueryOptions,
  encoder: Encoder,
  lines: () => Unit[],
): Promise<QueryCandidate[]> {
  // segmentCorpus([doc]): a corpus of one page has no boilerplate to find.
  const segmented = segmentUnits(doc, {}, lines());
  const paragraphs = segmented.stories.flatMap((s) => s.paragraphs.map((p) => p.text));
  const byDoc = new Map<string, { exact: Set<number>; near: Set<number>; best: number }>();
  const hit = (docId: string, i: number, similarity: number, exact: boolean) => {
    if (docId === doc.id) return;
    let e = byDoc.get(docId);
    if (e === undefined) byDoc.set(docId, (e = { exact: new Set(), near: new Set(), best: 0 }));
    (exact ? e.exact : e.near).add(i);
    e.best = Math.max(e.best, similarity);
  };
  const hashes = paragraphs.map(paragraphHash);
  hashes.forEach((h, i) => {
    for (const p of store.paragraphsByHash(h)) hit(p.docId, i, 1, true);
  });
  if (store.encoder !== null && paragraphs.length > 0) {
    {
      store.assertEncoder(encoder.info);
      const vectors = await encoder.encode(paragraphs);
      const graph = store.graph();
      const d = encoder.info.dimensions;
      for (let i = 0; i < paragraphs.length; i++) {
        const q = vectors.subarray(i * d, (i + 1) * d);
        if (q.every((x) => x === 0)) continue;
        const r = graph.search(q, options.k ?? 10);
        r.labels.forEach((label, j) => {
          const sim = r.similarities[j] ?? 0;
          if (sim < NEAR) return;
          const h = store.hashOfLabel(label);
          if (h === undefined || h === hashes[i]) return;
          for (const p of store.paragraphsByHash(h)) hit(p.docId, i, sim, false);
        });
      }
    }
  }
  const paths = store.paths([...byDoc.keys()]);
  return [...byDoc]
    .map(([docId, e]) => ({
      docId,
      path: paths.get(docId) ?? '',
      exactParagraphs: e.exact.size,
      nearParagraphs: new Set([...e.near].filter((i) => !e.exact.has(i))).size,
      bestSimilarity: Math.round(e.best * 1000) / 1000,
    }))
    .sort(
      (a, b) =>
        b.exactParagraphs + b.nearParagraphs - (a.exactParagraphs + a.nearParagraphs) ||
        b.bestSimilarity - a.bestSimilarity ||
        (a.docId < b.docId ? -1 : 1),
    );
}

/**
 * The stored relations a write drew (first stored at its generation), by
 * page: on the page added when one end is (its parents, or its children),
 * else on the child's page (a relation between stored pages that the write
 * re-drew, such as an original arriving after its copies). Edges from or to
 * an inferred source are left out, as in a query's answer.
 */
function pagesOfRelations(
  store: IndexStore,
  relations: readonly StoredRelation[],
  added: readonly string[],
): IndexSessionPage[] {
  const real = relations.filter(
    (r) => !r.parent.startsWith('hidden:') && !r.child.startsWith('hidden:'),
  );
  const stories = store.storyDocs(real.flatMap((r) => [r.parent, r.child]));
  const isAdded = new Set(added);
  const pages = new Map<
    string,
    { id: string; path: string; parents: QueryMatch[]; children: QueryMatch[] }
  >();
  const page = (docId: string) => {
    let p = pages.get(docId);
    if (p === undefined)
      pages.set(docId, (p = { id: docId, path: stories.pathOf(docId), parents: [], children: [] }));
    return p;
  };
  for (const id of added) page(id);
  const match = (
    direction: 'parent' | 'child',
    story: string,
    queryStory: string,
    r: StoredRelation,
  ): QueryMatch => {
    const s = stories.get(story);
    const title = s?.title ?? null;
    return {
      direction,
      story,
      docId: s?.docId ?? story,
      path: s?.path ?? '',
      title,
      outlet: null,
      label: storyLabel({ id: story, title, outlet: null }),
      queryStory,
      kind: r.kind,
      confidence: r.confidence,
      evidence: r.evidence,
      alignedParagraphs: r.alignment.length,
      ...(r.extent === undefined ? {} : { extent: r.extent }),
      ...(r.pWholly === undefined ? {} : { pWholly: r.pWholly }),
    };
  };
  for (const r of real) {
    const parentDoc = stories.get(r.parent)?.docId ?? r.parent;
    const childDoc = stories.get(r.child)?.docId ?? r.child;
    if (!isAdded.has(childDoc) && isAdded.has(parentDoc))
      page(parentDoc).children.push(match('child', r.child, r.parent, r));
    else page(childDoc).parents.push(match('parent', r.parent, r.child, r));
  }
  const byConfidence = (a: QueryMatch, b: QueryMatch) =>
    b.confidence - a.confidence || (a.story < b.story ? -1 : 1);
  return [...pages.values()].map((p) => ({
    ...p,
    parents: p.parents.sort(byConfidence),
    children: p.children.sort(byConfidence),
  }));
}

/**
 * Opens the index for writing and keeps it open: the write lock is held and
 * one encoder is built until `close`, so pages can be added as they arrive
 * (`stemma watch`). Each addition stores the new pages and their lineage
 * as one generation (as `indexAdd`), and answers with the relations it
 * stored new or changed.
 * @throws CoreError INDEX_LOCKED when another writer holds the index;
 *   INDEX_FOREIGN, INDEX_DATABASE_DAMAGED, INDEX_TOO_NEW; MODEL_LOAD_FAILED;
 *   INVALID_ARGUMENT for arguments of the wrong type.
 */
export async function openIndexSession(
  dir: string,
  options: IndexSessionOptions = {},
): Promise<IndexSession> {
  checkRun('openIndexSession', dir, options, SESSION_RULES);
  const store = await IndexStore.open(dir, { write: true, create: true });
  // Built on first need: a pass that finds nothing new never loads the model.
  const lazy = lazyEncoder(options);
  const calls = oneAtATime(async () => {
    try {
      await lazy.dispose();
    } finally {
      store.close();
    }
  });
  const addNow = async (paths: readonly string[]): Promise<IndexSessionAddResult> => {
    if (calls.closed)
      throw new CoreError('INVALID_ARGUMENT', 'IndexSession.add', 'called before close()');
    const run = createRunContext(options);
    try {
      const read = await ingest(paths, { ...options.input, onWarning: run.warn });
      const fresh = read.docs.some((d) => store.docByHash(documentHash(d)) === undefined);
      if (!fresh) return { ...(await addDocs(store, read.docs, options, run)), pages: [] };
      const encoder = await lazy.get();
      const before = store.generation;
      const result = await addDocs(store, read.docs, options, run, encoder);
      // The relations this addition stored or changed, read back from the store.
      const pages = pagesOfRelations(
        store,
        store.relations(before),
        result.added.map((a) => a.id),
      );
      return { ...result, warnings: run.warnings, pages };
    } catch (error) {
      throw mapDbError(dir, error);
    }
  };
  return {
    dir,
    async warm() {
      await lazy.get();
    },
    add(paths) {
      const inputs = checkPaths(paths, 'IndexSession.add');
      return calls.run(() => addNow(inputs));
    },
    close: calls.close,
  };
}
