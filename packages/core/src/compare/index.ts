export { comparePassages } from './compare.js';
export type { CompareOptions, PassagePair, PassageScores } from './compare.js';
