/**
 * The relate stage: aligns each candidate story pair, decides derived or
 * independent, classifies the transformation and weighs the direction.
 */
export { inferDirection } from './direction.js';
export { EventIndex } from './event.js';
export { DIRECTION, RELATE } from './constants.js';
export { QuoteIndex, relate } from './relate.js';
export { relateInput } from './relate-input.js';
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
