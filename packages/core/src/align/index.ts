/** The align stage: lexical features of each unit, and order-aware alignment of two stories. */
export { alignStories } from './align.js';
export {
  containment,
  dice,
  lexicalOutsideQuotes,
  lexicalSimilarity,
  mergeFeatures,
  paragraphFeatures,
  wordingKept,
} from './features.js';
export type {
  AlignOptions,
  ParagraphFeatures,
  ParagraphMatch,
  StoryAlignment,
  StoryView,
} from './types.js';
