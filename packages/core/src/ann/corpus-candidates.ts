/**
 * The index stage over a corpus: candidate story pairs from the paragraph
 * vectors' nearest neighbours, then stories sharing runs of words (found
 * whatever the language, where vectors may not be). Nothing compares all pairs.
 */

import { mergeCandidates, storyCandidates, type CandidateInput } from './candidates.js';
import { sharedTextCandidates, type ShingleStory } from './shingles.js';
import type { CandidateOptions } from './types.js';

/** What the index stage reads of an embedded corpus. */
export interface IndexedCorpus {
  /** Every story's paragraph vectors with their owners. */
  readonly paragraphs: CandidateInput;
  /** Every story with its sentences. */
  readonly stories: readonly ShingleStory[];
}

/**
 * Candidate story pairs of a corpus, each unordered pair once: the paragraph
 * index's first (strongest first), then the new ones from shared text.
 * @throws {CoreError} INVALID_OPTION when the vectors do not match their owners.
 */
export function corpusCandidates(
  corpus: IndexedCorpus,
  options: CandidateOptions & { readonly maxPartners: number },
): { readonly a: string; readonly b: string }[] {
  return mergeCandidates(
    storyCandidates(corpus.paragraphs, options),
    sharedTextCandidates(corpus.stories, { maxPartners: options.maxPartners }),
  );
}
