export {
  analyzeIndex,
  indexAdd,
  indexRemove,
  indexRepair,
  indexStats,
  indexVerify,
  queryIndex,
} from './operations.js';
export { renderQueryJson, renderQueryMarkdown } from './query-report.js';
export type {
  IndexAddResult,
  IndexRunOptions,
  IndexStats,
  QueryCandidate,
  QueryMatch,
  QueryOptions,
  QueryResult,
  VerifyResult,
} from './types.js';
