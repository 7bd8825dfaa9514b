/** The lineage stage: the forest of parents and children, with hidden sources. */
export { INDEPENDENT, LINEAGE } from './constants.js';
export { buildLineage } from './lineage.js';
export { drawForest } from './forest.js';
export type { Forest } from './forest.js';
export { independentPairs } from './independent.js';
export { maximumArborescence } from './edmonds.js';
export type { WeightedEdge } from './edmonds.js';
export type { LineageInput, LineageOptions, LineageResult } from './types.js';
