export {
  analyzeIndex,
  indexAdd,
  openIndexReader,
  openIndexSession,
  queryIndex,
} from './operations.js';
export { indexRecall, indexRemove, indexRepair, indexStats, indexVerify } from './maintenance.js';
export { renderQueryJson, renderQueryMarkdown } from './query-report.js';
export type {
  IndexAddResult,
  IndexReader,
  IndexReaderOptions,
  IndexReaderQueryOptions,
  IndexRecall,
  IndexRunOptions,
  IndexSession,
  IndexSessionAddResult,
  IndexSessionOptions,
  IndexSessionPage,
  IndexStats,
  QueryCandidate,
  QueryMatch,
  QueryOptions,
  QueryResult,
  QueryStageTimes,
  VerifyResult,
} from './types.js';
