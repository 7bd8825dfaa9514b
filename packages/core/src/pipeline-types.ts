import type { IngestOptions } from './ingest/types.js';
import type { CandidatePair } from './relate/index.js';
import type { PipelineEvent, Report, Story } from './types.js';

/** Options for a whole analysis run. */
export interface PipelineOptions {
  /** Receives progress events and warnings as the run goes. */
  readonly onEvent?: (event: PipelineEvent) => void;
  /** TF.js backend to prefer; default: tfjs-node if installed, else wasm, else cpu. */
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu';
  /** Folder for the converted word-vector cache (default: $STEMMA_CACHE_DIR, $XDG_CACHE_HOME/stemma, ~/.cache/stemma). */
  readonly cacheDir?: string;
  /** A TF.js model (folder, file:// or http(s):// URL of model.json) to use instead of the default GloVe SIF encoder. */
  readonly model?: string;
  /** Candidate partners aligned per story, strongest first (default 30). */
  readonly maxPartners?: number;
  /** How inputs are read: globs, --max-bytes, URL timeout, corpus field names, stdin (warnings go to onEvent). */
  readonly input?: Omit<IngestOptions, 'onWarning'>;
  /**
   * Fail on the first stage that warned: after reading and after segmenting,
   * any warning so far throws CoreError STRICT_WARNINGS (for pipelines that
   * want clean inputs or nothing).
   */
  readonly strict?: boolean;
  /**
   * Time budget per document and stage, in milliseconds (default 30000): a
   * document whose reading (HTML or Markdown extraction), segmenting or
   * embedding takes longer is dropped with one warning naming it and the
   * stage, and the run goes on. Reading and segmenting run in worker threads,
   * so the budget holds even when the stuck code is synchronous; embedding
   * (our own linear code) is timed after every text it tokenizes.
   */
  readonly docTimeoutMs?: number;
  /**
   * Worker threads that align the candidate pairs (default: the environment
   * variable STEMMA_ALIGN_THREADS, else 1, the calling thread). From 2, a
   * corpus of at least 400 candidate pairs is aligned in a pool of that many
   * workers (at most 4), with the same report. Off by default: on the shared
   * 2-core machine it was measured on, the pool cost more CPU time than it
   * saved (README, Performance).
   */
  readonly alignThreads?: number;
  /** Add each story's paragraphs (after boilerplate removal) to the report: `stories[].paragraphs`. */
  readonly includeText?: boolean;
  /**
   * Receives every candidate pair the relate stage aligned, with its
   * derivation features and the rule cascade's verdict (for fitting and
   * evaluating the derivation model; see packages/eval). Costs a paragraph
   * alignment per pair.
   */
  readonly onCandidate?: (pair: CandidatePair) => void;
}

/** What a run produces: the report, plus the segmented stories for showing text. */
export interface AnalysisResult {
  readonly report: Report;
  /** Every story by id, with its paragraphs (for the TUI's side-by-side view). */
  readonly stories: ReadonlyMap<string, Story>;
}
