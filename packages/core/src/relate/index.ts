/**
 * The relate stage: aligns each candidate story pair, decides derived or
 * independent, classifies the transformation and weighs the direction.
 */
export { inferDirection } from './direction.js';
export { EventIndex } from './event.js';
export { DIRECTION, RELATE } from './constants.js';
export { judgePair } from './judge.js';
export type { JudgeOptions, PairJudgement } from './judge.js';
export { POOL_MIN_PAIRS, relateInPool } from './pool.js';
export type { PoolRelateInput, RelatePoolOptions } from './pool.js';
export { QuoteIndex, relate } from './relate.js';
export { plainRelateInput, relateInput } from './relate-input.js';
export type { PlainRelateInput, PlainRelateStory } from './relate-input.js';
export type {
  CandidatePair,
  DerivedPair,
  DirectionInput,
  DirectionVerdict,
  NonDerivedPair,
  RelateInput,
  RelateOptions,
  RelateResult,
  RelateStory,
  StoryFacts,
} from './types.js';
export { rewording, scoreMeaning } from './meaning.js';
