export { buildHnswIndex, loadHnswIndex } from './hnsw.js';
export { findCandidates } from './candidates.js';
