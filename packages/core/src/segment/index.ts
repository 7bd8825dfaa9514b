export { segment, trailerOutlet } from './segment.js';
export { corpusBoilerplate, segmentCorpus } from './corpus.js';
export type { CorpusBoilerplateOptions } from './corpus.js';
export { findDates, parseDateLine } from './dates.js';
export type { DateLine, FoundDate } from './dates.js';
export { lineKey, parseByline, toUnits } from './lines.js';
export type { Unit, UnitKind } from './lines.js';
export { findKnownOutlet, outletFromDomain, outletName } from './outlets.js';
export type { SegmentOptions } from './types.js';
