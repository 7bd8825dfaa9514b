export {
  checkIngestOptions,
  ingest,
  ingestWith,
  formatOf,
  INGEST_OPTION_RULES,
  inputKindOf,
  type InputKind,
} from './ingest.js';
export { ReadBudget } from './read-budget.js';
export { extractHtml, domToText } from './html.js';
export { extractMarkdown } from './markdown.js';
export { decodeText, sniffBinary } from './bytes.js';
export {
  decodeBytes,
  charsetOf,
  type DecodedText,
  type DecodeOptions,
  type EncodingSource,
} from './decode.js';
export { parseBytes, formatBytes } from './read-limited.js';
export type { CorpusFields } from './corpus.js';
export { isoDate, isValidIsoDate } from './iso-date.js';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_CHARS, DEFAULT_TIMEOUT_MS } from './types.js';
export type { IngestOptions, IngestResult, ExtractedContent } from './types.js';
