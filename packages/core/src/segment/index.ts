export { segment, trailerOutlet } from './segment.js';
export { findDates, parseDateLine } from './dates.js';
export type { DateLine, FoundDate } from './dates.js';
export { parseByline, toUnits } from './lines.js';
export type { Unit, UnitKind } from './lines.js';
export { findKnownOutlet, outletFromDomain, outletName } from './outlets.js';
export type { SegmentOptions } from './types.js';
