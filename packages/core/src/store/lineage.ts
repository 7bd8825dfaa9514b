/**
 * The lineage stored in the index, drawn at write time by component: the
 * pages a write brings (or takes away) are joined to the stored pages near
 * them (exact paragraph copies by hash, then nearest paragraphs in the vector
 * graph, as `stemma query` finds them) and to the components those pages
 * belong to; the pipeline's stages then run over each such group alone, and
 * its relations replace the stored ones of the components it took in. A group
 * is stored split into components by its relations: pages that came out
 * unrelated are components of their own, so a component stays as small as the
 * family of copies it holds, and a later write re-draws only the components
 * its pages touch.
 */

import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Encoder, EncoderChoice } from '../embed/index.js';
import { CoreError } from '../errors.js';
import { embedStories, subsetEmbedded } from '../embed/index.js';
import { analyzeDocs, analyzeSegmentedDocs, segmentStage } from '../pipeline.js';
import { createRunContext } from '../run-context.js';
import type { PriorSegmentation } from '../segment/index.js';
import type { StageName } from '../stages.js';
import type { SharedQuotation } from '../text/quotes.js';
import type {
  EncoderInfo,
  HiddenNode,
  IndependentPair,
  IngestedDoc,
  LineageTree,
  Relation,
  Report,
  ReportDocument,
  SegmentedDoc,
} from '../types.js';
import {
  paragraphHash,
  type ComponentInput,
  type IndexStore,
  type LineageChange,
} from './store.js';
import { startGroupPool, type GroupPool, type GroupResult, type GroupTask } from './group-pool.js';
import { VectorGraph } from './vector-file.js';

/**
 * Cosine floor for a paragraph to count as shared with another page when
 * joining groups. `stemma query` and the pipeline's index stage take 0.5 to
 * find pairs worth aligning; at 0.5 pages on the same topic that copy
 * nothing from each other join too, and the groups chain into the whole
 * corpus (all 41 pages of a 6-family generated corpus were one group).
 * Measured on that corpus (`stemma generate --families 6 --seed 2`): every
 * pair the one-shot analysis relates shares at least 3 paragraphs, its
 * closest at cosine ≥ 0.85.
 */
/** Cosine floor for a paragraph to count as near another (as `stemma query` and the index stage). */
const NEAR = 0.5;
const JOIN_SIMILARITY = 0.7;
/**
 * Nearest paragraphs asked for per paragraph when joining: the 12 the
 * pipeline's index stage asks for. Searching costs most of finding the
 * groups (at 30: 20.9 s of a 2,000-article bulk add).
 */
const JOIN_NEIGHBOURS = 12;
/**
 * The search's candidate list (hnswlib's ef) when joining: the floor of
 * `searchEf`, not its rule, which grows ef with the square root of the
 * graph so that recall@10 of any stored vector holds 0.95 (queries need
 * that). A join needs only paragraphs at cosine ≥ {@link JOIN_SIMILARITY},
 * which a graph finds at a small ef. Measured on the scale bench's
 * 10,000-article corpus (`stemma index add` of the folder into a new index,
 * 59,535 vectors, where the rule gives ef 242), 2026-12-06: the stored
 * lineage byte for byte the same (`analyze --index --stored --format
 * json`), finding groups 43.5 → 19.0 s. Below about 4,200 points the rule
 * gives 64 too. At 100,000 articles the rule gave ef 764 and finding groups
 * took 2,088 s of the 3,361 s `index add`.
 */
const JOIN_EF = 64;
/** Paragraphs a page must share (at {@link JOIN_SIMILARITY}) with another to join its group. */
const JOIN_PARAGRAPHS = 2;

/** Characters of page text a chunk of groups embedded in one call holds, at most (but one group). */
const CHUNK_CHARS = 20_000_000;

/** Consecutive groups of pages whose text adds up to {@link CHUNK_CHARS} at most (a larger group alone). */
function chunksOf(groups: readonly (readonly IngestedDoc[])[]): IngestedDoc[][][] {
  const out: IngestedDoc[][][] = [];
  let chunk: IngestedDoc[][] = [];
  let chars = 0;
  for (const g of groups) {
    const size = g.reduce((n, d) => n + d.text.length, 0);
    if (chunk.length > 0 && chars + size > CHUNK_CHARS) {
      out.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push([...g]);
    chars += size;
  }
  if (chunk.length > 0) out.push(chunk);
  return out;
}

/** What a component keeps beside its relations (hidden ids local to it). */
export interface StoredComponentReport {
  readonly encoder: EncoderInfo;
  readonly documents: readonly ReportDocument[];
  readonly lineage: readonly LineageTree[];
  readonly hidden: readonly HiddenNode[];
  readonly independent: readonly IndependentPair[];
  readonly quotations: readonly SharedQuotation[];
}

/** A page whose lineage is to be drawn: new to the index, or stored without a component. */
export interface LineageSubject {
  readonly doc: IngestedDoc;
  /** Its paragraphs' text hashes, as stored. */
  readonly hashes: readonly string[];
}

export interface RedrawInput {
  readonly store: IndexStore;
  readonly subjects: readonly LineageSubject[];
  /** Vectors of paragraph texts not stored yet, by hash. */
  readonly vectors: ReadonlyMap<string, Float32Array>;
  /**
   * The label `IndexStore.add` will give the first of `vectors` (the rest
   * follow in the map's order; `IndexStore.nextVectorLabel`). Given, the
   * graph the join builds of the subjects' paragraphs carries those labels
   * and, when it holds exactly `vectors`, is returned for the add to keep as
   * a vector segment instead of inserting the same points again.
   */
  readonly firstLabel?: number;
  /** Stored pages leaving the index (removed), or leaving the lineage (a superseded version). */
  readonly gone: ReadonlySet<string>;
  readonly encoder: Encoder;
  /**
   * How `encoder` was built: given, worker threads build the same one and
   * relate the groups on every core (group-pool.ts); without it, or with a
   * batch-independent encoder, the groups are related on the calling thread.
   */
  readonly encoderChoice?: Omit<EncoderChoice, 'onNotice'>;
  /**
   * The subjects' segmentation by the write, and the boilerplate keys it
   * took: a group segments its pages again (its boilerplate is its own) but
   * reuses a page's where the two mark the same lines (`PriorSegmentation`).
   * It must come from the default segment options over these very documents.
   */
  readonly segmented?: {
    readonly boilerplate: ReadonlySet<string>;
    readonly docs: ReadonlyMap<string, SegmentedDoc>;
  };
  /** Stored pages a subject is joined to, most shared paragraphs first (default 20). */
  readonly candidates?: number;
  /** Nearest paragraphs asked for per paragraph (default 12). */
  readonly k?: number;
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
}

/** What a re-draw did: the change to commit and what it cost. */
export interface LineageRedraw {
  readonly change: LineageChange;
  /**
   * The join's graph: exactly `vectors` under the labels from `firstLabel`
   * (present only when both hold), for `IndexStore.add`'s `graph`.
   */
  readonly graph?: VectorGraph;
  /** Groups the pipeline ran over, and the pages in them. */
  readonly groups: number;
  readonly pages: number;
  /** The largest group, in pages. */
  readonly largest: number;
  readonly relations: number;
  /** Milliseconds: finding candidates, then relating (each pipeline stage summed over the groups). */
  readonly ms: {
    readonly candidates: number;
    readonly relate: number;
    readonly stages: Partial<Record<StageName, number>>;
  };
}

/** Union–find over string keys. */
class Groups {
  readonly #parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    for (let p = this.#parent.get(root); p !== undefined && p !== root; p = this.#parent.get(root))
      root = p;
    if (!this.#parent.has(x)) this.#parent.set(x, x);
    // Path compression.
    for (
      let y = x, p = this.#parent.get(y);
      p !== undefined && p !== root;
      p = this.#parent.get(y)
    ) {
      this.#parent.set(y, root);
      y = p;
    }
    return root;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(rb, ra);
  }
  classes(): string[][] {
    const out = new Map<string, string[]>();
    for (const x of this.#parent.keys()) {
      const r = this.find(x);
      let list = out.get(r);
      if (list === undefined) out.set(r, (list = []));
      list.push(x);
    }
    return [...out.values()];
  }
}

/**
 * The stored pages (and other subjects) sharing paragraphs with each
 * subject: for each, its `candidates` best by paragraphs shared.
 */
function findCandidates(input: RedrawInput): {
  readonly near: Map<string, string[]>;
  readonly graph?: VectorGraph;
} {
  const { store, subjects, gone } = input;
  const k = input.k ?? JOIN_NEIGHBOURS;
  const d = input.encoder.info.dimensions;
  const stored = store.vectorsByHash(
    new Set(subjects.flatMap((s) => s.hashes.filter((h) => !input.vectors.has(h)))),
  );
  const vectorOf = (h: string) => input.vectors.get(h) ?? stored.get(h);
  // The subjects' own paragraphs, in a graph of their own: new pages are not in the stored one yet.
  const bySubjectHash = new Map<string, Set<number>>();
  subjects.forEach((s, i) => {
    for (const h of s.hashes) {
      let set = bySubjectHash.get(h);
      if (set === undefined) bySubjectHash.set(h, (set = new Set()));
      set.add(i);
    }
  });
  const distinct = [...bySubjectHash.keys()].filter((h) => {
    const v = vectorOf(h);
    return v !== undefined && v.some((x) => x !== 0);
  });
  // Each point's label: the one the add will store it under when known
  // (then the graph can become a stored segment), else its place in `distinct`.
  const newLabel = new Map<string, number>();
  if (input.firstLabel !== undefined) {
    let label = input.firstLabel;
    for (const h of input.vectors.keys()) newLabel.set(h, label++);
  }
  const labelled = newLabel.size > 0 && distinct.every((h) => newLabel.has(h));
  const hashOfPoint = labelled ? new Map<number, string>() : null;
  const batch = VectorGraph.create(d, Math.max(1024, labelled ? newLabel.size : distinct.length));
  distinct.forEach((h, i) => {
    const label = labelled ? (newLabel.get(h) as number) : i;
    hashOfPoint?.set(label, h);
    batch.add(label, vectorOf(h) ?? new Float32Array(d));
  });
  const hashOfLabel = (label: number) => hashOfPoint?.get(label) ?? distinct[label];
  const graph = store.encoder === null ? null : store.graph();
  const docsOfHash = new Map<string, string[]>();
  const storedDocs = (h: string) => {
    let docs = docsOfHash.get(h);
    if (docs === undefined)
      docsOfHash.set(h, (docs = [...new Set(store.paragraphsByHash(h).map((p) => p.docId))]));
    return docs;
  };
  // A paragraph text many pages share (news repeats them verbatim) is
  // searched for once: the same vector in the same graphs finds the same
  // neighbours.
  const searched = new Map<
    string,
    { readonly stored: readonly [string, number][]; readonly batch: readonly [number, number][] }
  >();
  const neighboursOf = (h: string, v: Float32Array) => {
    let found = searched.get(h);
    if (found === undefined) {
      const stored: [string, number][] = [];
      if (graph !== null && graph.live > 0) {
        const r = graph.search(v, k, JOIN_EF);
        r.labels.forEach((label, n) => {
          const sim = r.similarities[n] ?? 0;
          const other = sim >= NEAR ? store.hashOfLabel(label) : undefined;
          if (other !== undefined && other !== h) stored.push([other, sim]);
        });
      }
      const batched: [number, number][] = [];
      const r = batch.search(v, k, JOIN_EF);
      r.labels.forEach((label, n) => {
        const sim = r.similarities[n] ?? 0;
        const other = hashOfLabel(label);
        if (sim < NEAR || other === undefined || other === h) return;
        for (const o of bySubjectHash.get(other) ?? []) batched.push([o, sim]);
      });
      searched.set(h, (found = { stored, batch: batched }));
    }
    return found;
  };
  const out = new Map<string, string[]>();
  subjects.forEach((s, i) => {
    const self = s.doc.id;
    // Per page found: each paragraph of the subject's with its closest match there.
    const byDoc = new Map<string, Map<number, number>>();
    const hit = (docId: string, j: number, similarity: number) => {
      if (docId === self || gone.has(docId)) return;
      let e = byDoc.get(docId);
      if (e === undefined) byDoc.set(docId, (e = new Map()));
      e.set(j, Math.max(e.get(j) ?? 0, similarity));
    };
    s.hashes.forEach((h, j) => {
      for (const docId of storedDocs(h)) hit(docId, j, 1);
      for (const other of bySubjectHash.get(h) ?? [])
        if (other !== i) hit(subjects[other]?.doc.id ?? self, j, 1);
      const v = vectorOf(h);
      if (v === undefined || v.every((x) => x === 0)) return;
      const near = neighboursOf(h, v);
      for (const [other, sim] of near.stored)
        for (const docId of storedDocs(other)) hit(docId, j, sim);
      for (const [o, sim] of near.batch) hit(subjects[o]?.doc.id ?? self, j, sim);
    });
    const ranked = [...byDoc]
      .map(([docId, e]) => ({
        docId,
        shared: [...e.values()].filter((x) => x >= JOIN_SIMILARITY).length,
        sum: [...e.values()].reduce((a, b) => a + b, 0),
      }))
      .filter((e) => e.shared >= Math.min(JOIN_PARAGRAPHS, s.hashes.length))
      .sort((x, y) => y.shared - x.shared || y.sum - x.sum || (x.docId < y.docId ? -1 : 1))
      .slice(0, input.candidates ?? 20)
      .map((e) => e.docId);
    out.set(self, ranked);
  });
  if (!labelled) return { near: out };
  // Texts without words have no direction and were left out of the search;
  // a stored segment holds them too.
  for (const [h, v] of input.vectors)
    if (!hashOfPoint?.has(newLabel.get(h) as number)) batch.add(newLabel.get(h) as number, v);
  return { near: out, graph: batch };
}

/**
 * Draws the lineage of the groups the subjects (and the pages `gone`)
 * touch, and returns the change that replaces the components they held.
 * Runs no write: the caller commits the change with its rows.
 * @throws CoreError from the pipeline's stages (MODEL_LOAD_FAILED is not
 *   thrown: the encoder is the caller's).
 */
export async function redrawLineage(input: RedrawInput): Promise<LineageRedraw> {
  const { store, subjects, gone } = input;
  // Stored vectors are read below: they must be this encoder's.
  store.assertEncoder(input.encoder.info);
  const options = { includeText: true, ...(input.backend ? { backend: input.backend } : {}) };
  // The workers load the encoder while this thread finds the groups.
  const pool =
    input.encoderChoice === undefined || input.encoder.batchIndependent === true
      ? null
      : startGroupPool(
          {
            encoder: input.encoderChoice,
            options,
            ...(input.segmented === undefined
              ? {}
              : { priorBoilerplate: [...input.segmented.boilerplate] }),
          },
          subjects.length + gone.size,
        );
  try {
    return await redraw(input, options, pool);
  } finally {
    await pool?.destroy();
  }
}

/** The components and relations of one group of pages, and what each stage cost. */
export interface RelatedGroup {
  readonly components: ComponentInput[];
  readonly stages: Partial<Record<StageName, number>>;
}

/**
 * Runs the pipeline over one group of pages (segmenting on the calling
 * thread, reusing `prior`'s segmentations where they are the group's) and
 * splits its report into components: what a relating worker runs, and the
 * calling thread without one.
 * @throws CoreError from the pipeline's stages.
 */
export async function relateGroup(
  docs: readonly IngestedDoc[],
  options: { readonly includeText: boolean; readonly backend?: 'tensorflow' | 'wasm' | 'cpu' },
  encoder: Encoder,
  prior?: PriorSegmentation,
): Promise<RelatedGroup> {
  const stages: Partial<Record<StageName, number>> = {};
  const timed = createRunContext({
    onEvent: (e) => {
      if (e.type === 'stage-end') stages[e.stage] = (stages[e.stage] ?? 0) + e.ms;
    },
  });
  const result = await analyzeDocs(docs, options, timed, {
    encoder,
    segmentInThread: true,
    ...(prior === undefined ? {} : { prior }),
  });
  return { components: splitByRelations(result.report), stages };
}

/** Two encoders' descriptions are the same (a worker's against the caller's). */
function sameEncoder(a: EncoderInfo, b: EncoderInfo): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

async function redraw(
  input: RedrawInput,
  options: { readonly includeText: boolean; readonly backend?: 'tensorflow' | 'wasm' | 'cpu' },
  pool: GroupPool | null,
): Promise<LineageRedraw> {
  const { store, subjects, gone } = input;
  const t0 = performance.now();
  const groups = new Groups();
  const found = findCandidates(input);
  // Kept for the write's commit, out of memory while the groups are related.
  found.graph?.spill(path.join(store.dir, `join-graph.${process.pid}.tmp`));
  const candidates = found.near;
  for (const [id, near] of candidates) {
    groups.find(id);
    for (const c of near) groups.union(id, c);
  }
  // Every component a page of the groups (or a page leaving) belongs to is
  // re-drawn whole: its pages join the group.
  const touched = [
    ...new Set(
      store.componentsOf([...candidates.keys(), ...candidates.values(), ...gone].flat()).values(),
    ),
  ];
  for (const c of touched) {
    const docs = store.docsOfComponents([c]).filter((id) => !gone.has(id) || candidates.has(id));
    for (const id of docs) groups.union(docs[0] ?? id, id);
  }
  const t1 = performance.now();
  const fresh = new Map(subjects.map((s) => [s.doc.id, s.doc]));
  const stages: Partial<Record<StageName, number>> = {};
  const timed = createRunContext({
    onEvent: (e) => {
      if (e.type === 'stage-end') stages[e.stage] = (stages[e.stage] ?? 0) + e.ms;
    },
  });
  const components: ComponentInput[] = [];
  let pages = 0;
  let largest = 0;
  let relations = 0;
  const classes = groups.classes();
  // The stored pages as stored, a subject (new, or a new version) as given.
  const groupDocs = classes
    .map((ids) => [
      ...store.documents(ids.filter((id) => !fresh.has(id))),
      ...ids.flatMap((id) => fresh.get(id) ?? []),
    ])
    .filter((docs) => docs.length > 0);
  const keep = (parts: readonly ComponentInput[], size: number) => {
    pages += size;
    largest = Math.max(largest, size);
    for (const p of parts) relations += p.relations.length;
    components.push(...parts);
  };
  const addStages = (more: Partial<Record<StageName, number>>) => {
    for (const [s, ms] of Object.entries(more) as [StageName, number][])
      stages[s] = (stages[s] ?? 0) + ms;
  };
  // A page new to the index was segmented by the write: each group reuses
  // that where its own boilerplate marks the same lines in the page.
  const written = input.segmented;
  const priorOf = (docs: readonly IngestedDoc[]) =>
    written === undefined
      ? undefined
      : docs.map((d) => (fresh.get(d.id) === d ? written.docs.get(d.id) : undefined));
  if (input.encoder.batchIndependent !== true) {
    // The encoder fits itself to what it encodes: each group is embedded
    // alone, in the pool's workers when there is one. Their components are
    // kept in the groups' order, whichever worker finished first.
    const here = async ({ docs, prior }: GroupTask): Promise<GroupResult> => ({
      encoder: input.encoder.info,
      ...(await relateGroup(
        docs,
        options,
        input.encoder,
        prior === undefined || written === undefined
          ? undefined
          : { boilerplate: written.boilerplate, docs: prior },
      )),
    });
    const tasks = groupDocs.map((docs): GroupTask => {
      const prior = priorOf(docs);
      return prior === undefined ? { docs } : { docs, prior };
    });
    const pooled = pool === null ? null : await pool.relate(tasks, here);
    for (const [i, task] of tasks.entries()) {
      const done = pooled?.[i];
      // A worker that built another encoder (another backend) embeds otherwise: not its components.
      const group =
        done !== undefined && sameEncoder(done.encoder, input.encoder.info)
          ? done
          : await here(task);
      addStages(group.stages);
      keep(group.components, task.docs.length);
    }
  } else {
    // A text's vector is the same in any batch: the stored paragraphs' vectors
    // are read, not encoded again, and the groups' other texts (sentences, and
    // paragraphs not stored) are encoded together, a chunk of groups per call,
    // instead of one small call per group.
    for (const chunk of chunksOf(groupDocs)) {
      const segmented: (readonly SegmentedDoc[])[] = [];
      for (const docs of chunk) {
        const prior = priorOf(docs);
        segmented.push(
          await segmentStage(
            docs,
            options,
            timed,
            true,
            prior === undefined || written === undefined
              ? {}
              : { prior: { boilerplate: written.boilerplate, docs: prior } },
          ),
        );
      }
      const stories = segmented.flat().flatMap((d) => d.stories);
      const hashOf = new Map<string, string>();
      for (const st of stories)
        for (const p of st.paragraphs) hashOf.set(p.text, paragraphHash(p.text));
      const stored = store.vectorsByHash(
        new Set([...hashOf.values()].filter((h) => !input.vectors.has(h))),
      );
      const known = (text: string) => {
        const h = hashOf.get(text) ?? paragraphHash(text);
        return input.vectors.get(h) ?? stored.get(h);
      };
      const embedded = await timed.stage(
        'embed',
        stories.length,
        () =>
          embedStories(stories, {
            encoder: input.encoder,
            paragraphVectors: known,
            onWarning: timed.warn,
            docPaths: new Map(segmented.flat().map((d) => [d.id, d.path])),
          }),
        () => stories.length,
      );
      for (const docs of segmented) {
        const own = docs.flatMap((d) => d.stories);
        const result = await analyzeSegmentedDocs(docs, options, timed, {
          encoder: input.encoder,
          segmentInThread: true,
          embedded: subsetEmbedded(embedded, own),
        });
        keep(splitByRelations(result.report), docs.length);
      }
    }
  }
  return {
    change: { drop: touched, components },
    ...(found.graph === undefined ? {} : { graph: found.graph }),
    groups: groupDocs.length,
    pages,
    largest,
    relations,
    ms: { candidates: t1 - t0, relate: performance.now() - t1, stages },
  };
}

/**
 * A group's report as the components its relations connect (a hidden
 * source connects the stories it is inferred from); each unrelated page is
 * a component of its own.
 */
export function splitByRelations(report: Report): ComponentInput[] {
  const docOf = new Map<string, string>();
  for (const d of report.documents) for (const s of d.stories) docOf.set(s.id, d.id);
  const groups = new Groups();
  for (const d of report.documents) groups.find(d.id);
  // A hidden node stands for itself; a story for its page.
  const node = (id: string) => docOf.get(id) ?? id;
  for (const r of report.relations) groups.union(node(r.parent), node(r.child));
  for (const h of report.hidden) for (const c of h.children) groups.union(node(h.id), node(c));
  for (const t of report.lineage) for (const m of t.members) groups.union(node(t.root), node(m));
  const of = (id: string) => groups.find(node(id));
  const byRoot = new Map<string, ReportDocument[]>();
  for (const d of report.documents) {
    const r = groups.find(d.id);
    byRoot.set(r, [...(byRoot.get(r) ?? []), d]);
  }
  return [...byRoot].map(([root, documents]) => {
    const part: StoredComponentReport = {
      encoder: report.encoder,
      documents,
      lineage: report.lineage.filter((t) => of(t.root) === root),
      hidden: report.hidden.filter((h) => of(h.id) === root),
      independent: report.independent.filter((p) => of(p.a) === root),
      quotations: (report.quotations ?? []).filter((q) => of(q.stories[0] ?? '') === root),
    };
    return {
      docs: documents.map((d) => d.id),
      // Copied out: zlib hands back a view of its 16 KiB output chunk, which
      // a small report would hold (and a worker's answer clone) whole.
      packed: new Uint8Array(gzipSync(JSON.stringify(part))),
      relations: report.relations.filter((r) => of(r.child) === root),
    };
  });
}

/**
 * The report of the stored lineage, without running the pipeline: every
 * component's parts and relations, in the order of their first page, the
 * hidden sources numbered across the whole index.
 * @throws CoreError NO_DOCUMENTS when the index holds no page.
 */
export function storedReport(
  store: IndexStore,
  options: { readonly includeText?: boolean; readonly generator: Report['generator'] },
): Report {
  const relations = new Map<number, Relation[]>();
  for (const { component, generation: _g, ...r } of store.relations()) {
    void _g;
    relations.set(component, [...(relations.get(component) ?? []), r]);
  }
  const docs = new Map<string, ReportDocument>();
  const out = {
    relations: [] as Relation[],
    lineage: [] as LineageTree[],
    hidden: [] as HiddenNode[],
    independent: [] as IndependentPair[],
    quotations: [] as SharedQuotation[],
  };
  let encoder: EncoderInfo | undefined;
  let hiddenCount = 0;
  for (const c of store.components()) {
    // Hidden ids are local to a component: numbered again across the index.
    const local = new Map<string, string>();
    const renumber = (json: string) =>
      json.replace(/"(hidden:\d+)"/g, (_, id: string) => {
        let global = local.get(id);
        if (global === undefined) local.set(id, (global = `hidden:${++hiddenCount}`));
        return `"${global}"`;
      });
    const part = JSON.parse(renumber(c.report)) as StoredComponentReport;
    const rels = JSON.parse(renumber(JSON.stringify(relations.get(c.id) ?? []))) as Relation[];
    encoder ??= part.encoder;
    for (const d of part.documents) docs.set(d.id, d);
    out.relations.push(...rels);
    out.lineage.push(...part.lineage);
    out.hidden.push(...part.hidden);
    out.independent.push(...part.independent);
    out.quotations.push(...part.quotations);
  }
  const ids = [...store.docIds()];
  if (ids.length === 0) throw new CoreError('NO_DOCUMENTS', store.dir);
  const missing = ids.filter((id) => !docs.has(id));
  const warnings =
    missing.length === 0
      ? []
      : [
          `${missing.length} stored page(s) have no stored lineage yet (stored by an older build, e.g. ${missing[0] ?? ''}); the next stemma index add relates them`,
        ];
  const stored = store.encoder;
  return {
    schemaVersion: 2,
    generator: options.generator,
    encoder: encoder ?? {
      name: stored?.name ?? 'none',
      dimensions: stored?.dimensions ?? 0,
      backend: 'none',
    },
    documents: ids.flatMap((id) => {
      const d = docs.get(id);
      if (d === undefined) return [];
      if (options.includeText === true) return [d];
      return [{ ...d, stories: d.stories.map(({ paragraphs: _p, ...s }) => (void _p, s)) }];
    }),
    relations: out.relations,
    independent: out.independent,
    lineage: out.lineage,
    hidden: out.hidden,
    quotations: out.quotations,
    warnings,
  };
}
