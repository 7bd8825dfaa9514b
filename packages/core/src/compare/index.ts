export { comparePassageFeatures, comparePassages } from './compare.js';
export type {
  CompareOptions,
  PassageFeatureScores,
  PassagePair,
  PassageScores,
} from './compare.js';
export {
  DerivedViews,
  idfTable,
  PAIR_FEATURE_NAMES,
  pairFeatures,
  sentenceView,
} from './pair-features.js';
export type { PairFeatureName, PairFeatures, SentenceView } from './pair-features.js';
export {
  defaultModelPath,
  loadParaphraseModel,
  logisticProbability,
  modelRule,
  paraphraseProbability,
  parseParaphraseModel,
} from './paraphrase-model.js';
export type { ParaphraseModel } from './paraphrase-model.js';
