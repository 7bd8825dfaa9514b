/** The classify stage: is an aligned pair derived, and by which transformation. */
export {
  classifyKind,
  distinctNameVariants,
  isDerived,
  sentenceRuleParts,
  longestRun,
  matchGroups,
  orient,
} from './classify.js';
export {
  DERIVATION_FEATURE_NAMES,
  RULE_FEATURE_NAMES,
  derivationFeatures,
  SPIN_FEATURE_NAMES,
} from './derivation-features.js';
export type {
  DerivationFeatureName,
  DerivationFeatures,
  DerivationInput,
} from './derivation-features.js';
export {
  defaultDerivationModelPath,
  DERIVATION_CUT,
  derivationCut,
  derivationProbability,
  loadDerivationModel,
} from './derivation-model.js';
export type { DerivationModel } from './derivation-model.js';
export {
  defaultExtentModelPath,
  EXTENT_CUT,
  EXTENT_MEASURE_NAMES,
  ExtentCache,
  extentMeasures,
  extentVerdict,
  loadExtentModel,
} from './extent.js';
export type {
  Extent,
  ExtentInput,
  ExtentMeasureName,
  ExtentMeasures,
  ExtentModel,
} from './extent.js';
export { changeProfile, editDistance, nameVariants, quotationKept } from './transform.js';
export type {
  ChangeProfile,
  ClassifyOptions,
  DerivationStory,
  KindDecision,
  OrientedPair,
  PairProfile,
  StoryText,
  Substitution,
  UnitSource,
} from './types.js';
