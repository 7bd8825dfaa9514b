export { analyze, runPipeline } from './pipeline.js';
export type { AnalysisResult, PipelineOptions } from './pipeline-types.js';
export { CoreError } from './errors.js';
export { STAGE_LABELS, STAGE_NAMES } from './stages.js';
export type { StageName } from './stages.js';
export { fnv1a, mulberry32, seededOpenUnit, seededRandom } from './util/random.js';
export {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_CHARS,
  DEFAULT_TIMEOUT_MS,
  formatBytes,
  ingest,
  inputKindOf,
  parseBytes,
} from './ingest/index.js';
export type { CorpusFields, IngestOptions, IngestResult } from './ingest/index.js';
export type { CoreErrorCode } from './errors.js';
export type {
  AlignedParagraphs,
  DocMeta,
  EncoderInfo,
  HiddenNode,
  IndependentPair,
  IngestedDoc,
  LineageTree,
  NoticeLevel,
  PairScores,
  Paragraph,
  PipelineEvent,
  Relation,
  RelationKind,
  Report,
  ReportDocument,
  ReportStory,
  SegmentedDoc,
  Story,
} from './types.js';
export {
  buildForest,
  csvColumns,
  dotString,
  escapeHtmlText,
  escapeMarkdown,
  loadReportSchema,
  renderCsv,
  renderDot,
  renderGraphml,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderNewick,
  reportSchemaUrl,
  storyLabel,
  unlinkedStories,
  validateReport,
  wordDiff,
} from './report/index.js';
export type {
  DotOptions,
  ForestNode,
  GraphmlOptions,
  HtmlOptions,
  MarkdownOptions,
  Swap,
  WordDiff,
  WordRun,
} from './report/index.js';
export {
  comparePassageFeatures,
  comparePassages,
  defaultModelPath,
  loadParaphraseModel,
  logisticProbability,
  PAIR_FEATURE_NAMES,
  pairFeatures,
  paraphraseProbability,
  parseParaphraseModel,
  sentenceView,
} from './compare/index.js';
export type {
  CompareOptions,
  PairFeatureName,
  PairFeatures,
  ParaphraseModel,
  PassageFeatureScores,
  PassagePair,
  PassageScores,
  SentenceView,
} from './compare/index.js';
export {
  DERIVATION_CUT,
  derivationCut,
  DERIVATION_FEATURE_NAMES,
  RULE_FEATURE_NAMES,
  SPIN_FEATURE_NAMES,
  defaultDerivationModelPath,
  derivationFeatures,
  derivationProbability,
  loadDerivationModel,
  defaultExtentModelPath,
  EXTENT_CUT,
  EXTENT_MEASURE_NAMES,
  ExtentCache,
  extentMeasures,
  extentVerdict,
  loadExtentModel,
} from './classify/index.js';
export type {
  DerivationFeatureName,
  DerivationFeatures,
  DerivationModel,
  Extent,
  ExtentInput,
  ExtentMeasureName,
  ExtentMeasures,
  ExtentModel,
} from './classify/index.js';
export type { CandidatePair } from './relate/index.js';
export { extractHtml, readabilityText } from './ingest/html.js';
export { loadGloveTable } from './embed/index.js';
export type { GloveTable, LoadGloveOptions, LoadGloveResult } from './embed/index.js';
export { sanitizeMultiline, showInvisible, stripControl, toOneLine } from './text/sanitize.js';
export { splitSentencesByRule } from './text/sentences.js';
export { segment, segmentCorpus, segmentCorpusWithBudget } from './segment/index.js';
export { DEFAULT_DOC_TIMEOUT_MS } from './util/doc-budget.js';
export type { SegmentOptions } from './segment/index.js';
export { findQuotations, sharedQuotations, withoutQuotations } from './text/quotes.js';
export type { Quotation, QuotationGroupOptions, SharedQuotation } from './text/quotes.js';
export { isStopword } from './text/stopwords.js';
export {
  analyzeIndex,
  indexAdd,
  indexRecall,
  indexRemove,
  indexRepair,
  indexStats,
  indexVerify,
  openIndexReader,
  openIndexSession,
  queryIndex,
  renderQueryJson,
  renderQueryMarkdown,
  storedIndexReport,
} from './store/index.js';
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
} from './store/index.js';
