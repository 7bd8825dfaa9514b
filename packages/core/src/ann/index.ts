export { buildHnswIndex, loadHnswIndex } from './hnsw.js';
export { EXACT_ROWS, exactIndex, neighbourIndex } from './exact.js';
export { capPartners, findCandidates, mergeCandidates, storyCandidates } from './candidates.js';
export { INDEX } from './constants.js';
export { collapseCopies } from './copies.js';
export type { CopyOptions, CopyStory } from './copies.js';
export { corpusCandidates } from './corpus-candidates.js';
export type { CorpusCandidateOptions, IndexedCorpus } from './corpus-candidates.js';
export { sharedTextCandidates, textShingles } from './shingles.js';
export type { CandidateInput } from './candidates.js';
export type { SharedTextCandidate, ShingleOptions, ShingleStory } from './shingles.js';
export type {
  CandidateOptions,
  HnswBuildOptions,
  HnswIndex,
  KnnResult,
  NeighbourIndex,
  ParagraphMatch,
  ParagraphOwner,
  StoryCandidate,
} from './types.js';
