/** Types of the on-disk index (`stemma index …`, `stemma query`, `analyze --index`). */

import type { PipelineOptions } from '../pipeline-types.js';
import type { RelationKind } from '../types.js';

/** Options of the commands that read pages or embed them. */
/**
 * Options of the index operations: those of a run. `docTimeoutMs` bounds
 * reading and segmenting each page (the pages are embedded together, as one
 * batch of distinct paragraph texts, without a per-page budget).
 */
export type IndexRunOptions = Pick<
  PipelineOptions,
  'onEvent' | 'backend' | 'cacheDir' | 'model' | 'input' | 'strict' | 'docTimeoutMs'
>;

export interface IndexAddResult {
  readonly index: string;
  /** The generation committed (unchanged when nothing was new). */
  readonly generation: number;
  readonly added: readonly {
    readonly id: string;
    readonly path: string;
    readonly stories: number;
    readonly paragraphs: number;
  }[];
  /** Pages whose content was already indexed: not segmented or embedded again. */
  readonly skipped: readonly { readonly path: string; readonly id: string }[];
  /** Stored pages this add stored a new version of (same path, other content), under the same id. */
  readonly versions?: readonly string[];
  /** The lineage this add re-drew (absent when nothing was stored). */
  readonly lineage?: IndexLineageSummary;
  /** Paragraph texts embedded by this run (new to the index). */
  readonly embedded: number;
  /** Paragraphs of the new pages whose exact text the index already held (found by hash). */
  readonly duplicateParagraphs: number;
  readonly warnings: readonly string[];
}

/**
 * What a write's re-draw of the stored lineage did: the groups of pages the
 * pipeline ran over (the pages written, the stored pages near them and the
 * components those were in), the components stored, and the time it took.
 */
export interface IndexLineageSummary {
  readonly groups: number;
  readonly pages: number;
  /** The largest group, in pages. */
  readonly largest: number;
  readonly components: number;
  readonly relations: number;
  /** Milliseconds: finding the pages near the written ones; relating the groups (each pipeline stage summed). */
  readonly ms: {
    readonly candidates: number;
    readonly relate: number;
    readonly stages: Partial<Record<'segment' | 'embed' | 'index' | 'align' | 'lineage', number>>;
  };
}

export interface IndexStats {
  readonly index: string;
  readonly schemaVersion: number;
  readonly generation: number;
  readonly documents: number;
  readonly stories: number;
  readonly paragraphs: number;
  /** Distinct paragraph texts: one vector each. */
  readonly distinctParagraphs: number;
  /** Paragraphs repeating a text stored before (they share its vector). */
  readonly duplicateParagraphs: number;
  /** Stored lineage: its components and relations (0 for an index older than schema 3). */
  readonly components: number;
  readonly relations: number;
  /** Superseded versions of pages kept as history. */
  readonly oldVersions: number;
  readonly encoder: { readonly name: string; readonly dimensions: number } | null;
  readonly databaseBytes: number;
  /** Bytes of the committed generation's vector files, all segments together. */
  readonly vectorFileBytes: number;
  /** The committed generation's vector files (segments), in order. */
  readonly vectorFiles: readonly string[];
}

export interface VerifyResult {
  readonly ok: boolean;
  readonly generation: number;
  readonly vectors: number;
  /** The vector file checked, "none yet", or "damaged". */
  readonly vectorFile: string;
  /** What is wrong, one line each; empty when ok. */
  readonly problems: readonly string[];
}

export interface QueryOptions extends IndexRunOptions {
  /** Stored pages re-read with the page, most shared paragraphs first (default 20). */
  readonly candidates?: number;
  /** Nearest stored paragraphs asked for per paragraph of the page (default 10). */
  readonly k?: number;
  /** Add the page to the index after answering (takes the write lock). */
  readonly add?: boolean;
}

/** A stored story the page derives from (parent) or that derives from it (child). */
export interface QueryMatch {
  readonly direction: 'parent' | 'child';
  readonly story: string;
  readonly docId: string;
  readonly path: string;
  readonly title: string | null;
  /** The outlet the stored story is shown under ("AP", "NYT via example.com"), or null. */
  readonly outlet: string | null;
  /** What people call it: "Outlet — Title", else the title, the outlet or the id. */
  readonly label: string;
  /** The page's story this one relates to. */
  readonly queryStory: string;
  readonly kind: RelationKind;
  readonly confidence: number;
  readonly evidence: readonly string[];
  /** Paragraph pairs aligned between the two. */
  readonly alignedParagraphs: number;
  /** The child's extent (wholly or partially derived) and P(wholly), as the relation gives them. */
  readonly extent?: 'wholly' | 'partially';
  readonly pWholly?: number;
}

/** A stored page found near the page, before relating. */
export interface QueryCandidate {
  readonly docId: string;
  readonly path: string;
  /** Paragraphs of the page with an exact copy in it (same hash). */
  readonly exactParagraphs: number;
  /** Paragraphs of the page with a near neighbour in it (cosine ≥ 0.5). */
  readonly nearParagraphs: number;
  readonly bestSimilarity: number;
}

export interface QueryResult {
  readonly index: string;
  readonly page: {
    readonly id: string;
    readonly path: string;
    readonly title: string | null;
    readonly stories: readonly string[];
  };
  /** The stored page with the same content, when the page is already indexed. */
  readonly alreadyIndexed: string | null;
  /** Ranked by confidence. */
  readonly parents: readonly QueryMatch[];
  readonly children: readonly QueryMatch[];
  readonly candidates: readonly QueryCandidate[];
  /** True when `add` stored the page. */
  readonly added: boolean;
  /** Milliseconds: finding candidates (read, segment, embed, search) and relating them. */
  readonly ms: {
    readonly retrieve: number;
    readonly relate: number;
    /** Where those went (see {@link QueryStageTimes}). */
    readonly stages: QueryStageTimes;
  };
}

/**
 * Milliseconds of one query, step by step. Retrieving: `read` the page,
 * `search` (segment and encode it, ask the vector graph, look up the
 * paragraphs found), `load` the candidates' rows. Relating runs the
 * pipeline's stages over the page and its candidates (`segment`, `embed`,
 * `index`, `align`, `lineage`); `report` is the rest of `relate` (the report and
 * the answer drawn from it; 0 when the stages' own rounding overshoots).
 */
export interface QueryStageTimes {
  readonly read: number;
  readonly search: number;
  readonly load: number;
  readonly segment: number;
  readonly embed: number;
  readonly index: number;
  readonly align: number;
  readonly lineage: number;
  readonly report: number;
}

/**
 * Options of {@link IndexReader}: those of a query, without `add` (a reader
 * never writes). Given to `openIndexReader`, they hold for every query; given
 * to one query, `candidates`, `k`, `input` and `onEvent` hold for it alone
 * (the encoder options are the reader's).
 */
export type IndexReaderOptions = Omit<QueryOptions, 'add'>;

/** What one {@link IndexReader.query} may change. */
export type IndexReaderQueryOptions = Pick<
  QueryOptions,
  'candidates' | 'k' | 'input' | 'onEvent' | 'strict'
>;

/**
 * An index held open for reading (`stemma query a.html b.html …`, `stemma
 * query --stdin-paths`): the database handle, one encoder and the vector
 * graph are kept between queries. It never takes the write lock; each query
 * first checks the committed generation (one small read) and loads the
 * vector file again when a writer has committed a newer one.
 */
export interface IndexReader {
  readonly dir: string;
  /** The generation committed now (what the next query sees). */
  readonly generation: number;
  /**
   * Answers as `queryIndex` does, without `add`. Calls run one at a time, in
   * the order made.
   * @throws CoreError NO_DOCUMENTS when the page cannot be read;
   *   INVALID_OPTION for a page holding several; INDEX_VECTORS_DAMAGED;
   *   INVALID_ARGUMENT after close().
   */
  query(page: string, options?: IndexReaderQueryOptions): Promise<QueryResult>;
  /**
   * Builds the encoder, loads the vector graph and starts the HTML read
   * worker now rather than for the first query (or first HTML page) that
   * needs them, so that query's time measures a warm reader.
   * @throws CoreError MODEL_LOAD_FAILED, INDEX_VECTORS_DAMAGED.
   */
  warm(): Promise<void>;
  /** Waits for the query under way, then releases the encoder and the database. */
  close(): Promise<void>;
}

/** Options of {@link IndexSession}: those of a query, without `add` (a session always adds). */
export type IndexSessionOptions = Omit<QueryOptions, 'add' | 'strict'>;

/** The relations found for one page a session added. */
export interface IndexSessionPage {
  readonly id: string;
  readonly path: string;
  /** Stored stories this page derives from, ranked by confidence. */
  readonly parents: readonly QueryMatch[];
  /** Stored stories deriving from this page, ranked by confidence. */
  readonly children: readonly QueryMatch[];
}

/** What one {@link IndexSession.add} stored, and the relations of each page it stored. */
export interface IndexSessionAddResult extends IndexAddResult {
  /**
   * The relations this addition stored new or changed, by page: one entry per
   * page added, in the order of `added`, then one per stored page whose
   * relations it re-drew (an original arriving after its copies).
   */
  readonly pages: readonly IndexSessionPage[];
}

/**
 * An index held open for writing (`stemma watch`): the write lock and one
 * encoder are kept between additions, so each addition pays neither again.
 */
export interface IndexSession {
  readonly dir: string;
  /**
   * Adds the pages not yet indexed (as `indexAdd`, which stores their
   * lineage) and returns the relations that addition stored or changed.
   * Calls run one at a time, in the order made.
   * @throws CoreError NO_DOCUMENTS when nothing could be read; INDEX_VECTORS_DAMAGED.
   */
  add(paths: readonly string[]): Promise<IndexSessionAddResult>;
  /**
   * Builds the encoder now rather than for the first page that needs it (a
   * watcher does, so a bad --model fails at start and the first page is quick).
   * @throws CoreError MODEL_LOAD_FAILED.
   */
  warm(): Promise<void>;
  /** Waits for the addition under way, then releases the encoder, the database and the lock. */
  close(): Promise<void>;
}

/** {@link indexRecall}: the HNSW graph against exact search. */
export interface IndexRecall {
  /** Mean recall@k over the queries, in [0, 1]. */
  readonly recall: number;
  readonly k: number;
  /** The search's ef (hnswlib's candidate list) the queries used: the largest over the segments, each following its own size. */
  readonly ef: number;
  /** Stored vectors used as queries. */
  readonly queries: number;
  /** Vectors in the index (the exact search's haystack). */
  readonly vectors: number;
  /** Milliseconds spent in the graph's searches, all queries together. */
  readonly annMs: number;
  /** Milliseconds spent in the exact searches, all queries together. */
  readonly exactMs: number;
  /**
   * The same queries against the same exact neighbours at each ef asked
   * for (`sweep`), in its order: the exact search is done once for all.
   */
  readonly sweep: readonly {
    readonly ef: number;
    readonly recall: number;
    readonly annMs: number;
  }[];
  /**
   * With `rebuild`: the graph measured instead of the stored one, built
   * afresh over the stored vectors with these parameters, and the
   * milliseconds its build took.
   */
  readonly rebuilt?: {
    readonly m: number;
    readonly efConstruction: number;
    readonly buildMs: number;
  };
}
