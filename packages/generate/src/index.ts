export { defaultArticlesDir, draftToText, loadSeedArticles, parseSeedArticle } from './article.js';
export type { Draft } from './article.js';
export { defaultSpec, generateCorpus, truthOf, truthPathOf, writeBatch, writeDocuments } from './corpus.js';
export type { Batch, CorpusOptions, WrittenBatch } from './corpus.js';
export { decoyDraft } from './decoy.js';
export { editDraft } from './edit.js';
export { generateFamily } from './family.js';
export { paraphraseDraft } from './paraphrase.js';
export { REUSE_LABELS, reuseCorpus, reuseParagraphs, reuseSentences } from './reuse.js';
export type { ReuseArticle, ReuseLabel, ReuseOptions, ReusePair } from './reuse.js';
export { protectedWords, spinCandidates, spinDraft, spinText } from './spin.js';
export { respell, translateDraft } from './translate.js';
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
