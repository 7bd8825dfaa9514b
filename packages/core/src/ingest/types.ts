import type { IngestedDoc } from '../types.js';
import type { CorpusFields } from './corpus.js';

/** Options for {@link ingest}. */
export interface IngestOptions {
  /** Called once per problem with a single input, as soon as it is found. */
  readonly onWarning?: (message: string) => void;
  /**
   * Globs a file found in a folder must match to be read (default: every
   * supported file). Patterns without "/" match the file name, others the
   * path relative to the folder given. Files named explicitly are always read.
   */
  readonly include?: readonly string[];
  /** Globs of files and folders a folder walk leaves out (same matching as `include`). */
  readonly exclude?: readonly string[];
  /**
   * Largest single document in bytes: a file, a .gz file's decompressed
   * content, a JSON file, a JSONL line, a WARC record, a download, stdin.
   * Larger ones are refused with a warning. JSONL and WARC files themselves
   * are streamed and may be larger. Default {@link DEFAULT_MAX_BYTES}.
   */
  readonly maxBytes?: number;
  /**
   * Most characters of one document's text that are analysed. Text past it
   * (cut at the last space before the limit) is left out with a warning.
   * Default {@link DEFAULT_MAX_CHARS}.
   */
  readonly maxChars?: number;
  /** Time allowed per URL download, whole body included, in ms. Default {@link DEFAULT_TIMEOUT_MS}. */
  readonly timeoutMs?: number;
  /**
   * Time allowed to extract one document (HTML → article text, Markdown →
   * paragraphs), in ms; it runs in a worker thread that is ended when a
   * document overruns, which is then skipped with one warning. Default 30 s
   * (DEFAULT_DOC_TIMEOUT_MS).
   */
  readonly docTimeoutMs?: number;
  /** Field names of JSON/JSONL corpus records, when they are not id, text, html, url, title, published, publisher. */
  readonly fields?: CorpusFields;
  /** What "-" reads (default: process.stdin). */
  readonly stdin?: AsyncIterable<Uint8Array | string>;
}

/** Default --max-bytes: 50 MB, far above any single news page. */
export const DEFAULT_MAX_BYTES = 50_000_000;
/**
 * Default --max-chars: 2 million characters (some 300,000 words), longer than
 * any article; a flattened crawl or a data dump can be far longer, and every
 * later stage grows with the text, so a 45 MB record would hold up the run
 * for minutes (issue 9).
 */
export const DEFAULT_MAX_CHARS = 2_000_000;
/** Default --timeout per URL: 30 s. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What {@link ingest} returns: the readable documents and one line per skipped input. */
export interface IngestResult {
  /** Files sorted by path (records of one file in file order), then stdin, then URLs as given; ids are unique. */
  readonly docs: IngestedDoc[];
  readonly warnings: string[];
  /** Bytes read from disk, stdin and the network (compressed sizes as stored). */
  readonly bytes: number;
}

/** Text and metadata extracted from one file's content. */
export interface ExtractedContent {
  readonly text: string;
  readonly meta: {
    readonly title: string | null;
    readonly publisher: string | null;
    readonly published: string | null;
    readonly byline: string | null;
    readonly url: string | null;
  };
  /** What was read other than as written (e.g. markup flattened past a depth), one warning each. */
  readonly notes?: readonly string[];
}
