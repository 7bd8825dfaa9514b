/** The classify stage: is an aligned pair derived, and by which transformation. */
export {
  classifyKind,
  distinctNameVariants,
  isDerived,
  longestRun,
  matchGroups,
  orient,
} from './classify.js';
export { changeProfile, editDistance, nameVariants, quotationKept } from './transform.js';
export type {
  ChangeProfile,
  ClassifyOptions,
  KindDecision,
  OrientedPair,
  PairProfile,
  Substitution,
  UnitSource,
} from './types.js';
