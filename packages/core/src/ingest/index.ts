export { ingest, formatOf } from './ingest.js';
export { extractHtml, domToText } from './html.js';
export { extractMarkdown } from './markdown.js';
export { decodeText, sniffBinary } from './bytes.js';
export { isoDate } from './iso-date.js';
export type { IngestOptions, IngestResult, ExtractedContent } from './types.js';
