export {
  analyzeIndex,
  indexAdd,
  indexRemove,
  openIndexReader,
  openIndexSession,
  queryIndex,
  storedIndexReport,
} from './operations.js';
export { indexRecall, indexRepair, indexStats, indexVerify } from './maintenance.js';
export { renderQueryJson, renderQueryMarkdown } from './query-report.js';
export type {
  IndexAddResult,
  IndexLineageSummary,
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
