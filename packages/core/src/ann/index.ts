export { buildHnswIndex, loadHnswIndex } from './hnsw.js';
export { capPartners, findCandidates, storyCandidates } from './candidates.js';
export type { CandidateInput } from './candidates.js';
export type {
  CandidateOptions,
  HnswBuildOptions,
  HnswIndex,
  KnnResult,
  ParagraphMatch,
  ParagraphOwner,
  StoryCandidate,
} from './types.js';
