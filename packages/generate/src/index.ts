/**
 * @stemma/generate: synthetic test data with its truth. `generateCorpus` and
 * `generateFamily` make news lineage families (verbatim, edited, spun,
 * translated and paraphrased copies, decoys, hidden sources);
 * `generateTradition` makes an artificial textual tradition (copies along a
 * random rooted tree with seeded word-level changes, some nodes lost, dates
 * optional), as stemmatology benchmarks do.
 */
export { defaultArticlesDir, draftToText, loadSeedArticles, parseSeedArticle } from './article.js';
export type { Draft } from './article.js';
export {
  defaultSpec,
  generateCorpus,
  truthOf,
  truthPathOf,
  writeBatch,
  writeDocuments,
} from './corpus.js';
export type { Batch, CorpusOptions, WrittenBatch } from './corpus.js';
export { decoyDraft } from './decoy.js';
export { editDraft } from './edit.js';
export { generateFamily } from './family.js';
export { paraphraseDraft } from './paraphrase.js';
export {
  frequentWords,
  REUSE_LABELS,
  reuseCorpus,
  reuseParagraphs,
  reuseSentences,
  rewriteWholly,
} from './reuse.js';
export type { ReuseArticle, ReuseLabel, ReuseOptions, ReusePair } from './reuse.js';
export { protectedWords, spinCandidates, spinDraft, spinText } from './spin.js';
export { respell, translateDraft } from './translate.js';
export { copyLine, DEFAULT_COPY_RATES, generateTradition } from './tradition.js';
export type {
  CopyRates,
  Tradition,
  TraditionNode,
  TraditionOptions,
  TraditionWitness,
} from './tradition.js';
export { loadWordNet } from './wordnet.js';
export type { WordNet, WordNetPos } from './wordnet.js';
export type {
  EventDescription,
  EventFact,
  EventPerson,
  EventQuote,
  Family,
  FamilySpec,
  FamilyStory,
  GeneratedDocument,
  SeedArticle,
  TrueHidden,
  TrueRelation,
  Truth,
} from './types.js';
