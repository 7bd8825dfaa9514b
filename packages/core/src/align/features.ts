/**
 * Per-paragraph lexical features, computed once per paragraph and reused by
 * every pair it takes part in.
 */

import { findQuotations, outsideQuotations } from '../text/quotes.js';
import { functionWords, guessLanguage } from '../text/language.js';
import { foldWord, tokenize } from '../text/tokenize.js';
import { detach } from '../util/detach.js';
import { bigramSet, sharedTerms, type TermSet, termSet, unionTerms } from '../util/term-set.js';
import type { ParagraphFeatures } from './types.js';

/**
 * One string per distinct word, so the many paragraphs of a corpus hold
 * pointers to it rather than copies (about 5 KB a paragraph otherwise).
 * Cleared when it reaches 2^18 words: it saves memory, never decides.
 */
const wordPool = new Map<string, string>();

function intern(word: string): string {
  const hit = wordPool.get(word);
  if (hit !== undefined) return hit;
  if (wordPool.size >= 1 << 18) wordPool.clear();
  const own = detach(word);
  wordPool.set(own, own);
  return own;
}

function ngrams(words: readonly string[]): { uni: TermSet; bi: TermSet } {
  return { uni: termSet(words), bi: bigramSet(words) };
}

/**
 * Computes the lexical features of a paragraph's (or sentence's) text.
 * `lang` (ISO 639-3) picks the function words; by default it is guessed
 * from the text itself. `wordingText` is the text outside quotations as its
 * context reads them (a sentence's part of its paragraph, quotations blanked
 * out: see maskQuotations), from which the wording sets are drawn: a
 * sentence inside a quotation of several sentences holds none of the
 * writer's words. By default the text's own quotations are left out. The
 * alignment's word overlap outside quotations keeps the text's own
 * quotations: a quoted sentence still tells which units correspond.
 */
export function paragraphFeatures(
  text: string,
  lang?: string | null,
  wordingText?: string,
): ParagraphFeatures {
  const tokens = tokenize(text);
  const words = tokens.map((t) => intern(foldWord(t.norm)));
  const { uni, bi } = ngrams(words);
  const fw = functionWords(lang === undefined ? guessLanguage(words) : lang);
  // Found once, for the text outside them and for the quotations' own words;
  // a text without any is its own outside (tokenised once: tokenize is pure).
  const found = findQuotations(text);
  const ownOutside = outsideQuotations(text, found);
  const outsideTokens = ownOutside === text ? tokens : tokenize(ownOutside);
  const outside = outsideTokens.map((t) => foldWord(t.norm)).filter((w) => !fw.has(w));
  const o = ngrams(outside);
  const outsideWords = [...new Set(outside)].map(intern);
  const wordingTokens =
    wordingText === undefined || wordingText === ownOutside
      ? outsideTokens
      : wordingText === text
        ? tokens
        : tokenize(wordingText);
  const wording = ngrams(
    wordingTokens
      .filter((t, k) => !(k > 0 && /^\p{Lu}/u.test(t.text)) && !/\p{N}/u.test(t.text))
      .map((t) => foldWord(t.norm))
      .filter((w) => !fw.has(w)),
  );
  const quotations = found
    .map((q) => tokenize(q.text).map((t) => foldWord(t.norm)))
    .filter((q) => q.length >= 3)
    .map((q) => q.join(' '));
  return {
    words,
    surface: tokens.map((t) => intern(t.text)),
    unigrams: uni,
    bigrams: bi,
    unigramsOutside: o.uni,
    bigramsOutside: o.bi,
    outsideWords,
    wordingUnigrams: wording.uni,
    wordingBigrams: wording.bi,
    quotations,
    length: text.length,
  };
}

/** Dice coefficient of two term sets; 0 when both are empty. */
export function dice(a: TermSet, b: TermSet): number {
  if (a.length === 0 && b.length === 0) return 0;
  return (2 * sharedTerms(a, b)) / (a.length + b.length);
}

/**
 * Wording kept between two paragraphs, 0..1: the mean of unigram and bigram
 * Dice coefficients. Bigrams make it sensitive to word order, so a synonym
 * swap every few words lowers it more than a cut does.
 */
export function lexicalSimilarity(a: ParagraphFeatures, b: ParagraphFeatures): number {
  return 0.5 * dice(a.unigrams, b.unigrams) + 0.5 * dice(a.bigrams, b.bigrams);
}

/**
 * Content kept outside quotation marks (names and numbers included): the
 * evidence that two sentences are one sentence transformed. Two reporters
 * quoting the same statement share its words without copying each other,
 * and any two texts in one language share its function words.
 */
export function lexicalOutsideQuotes(a: ParagraphFeatures, b: ParagraphFeatures): number {
  return (
    0.5 * dice(a.unigramsOutside, b.unigramsOutside) +
    0.5 * dice(a.bigramsOutside, b.bigramsOutside)
  );
}

/**
 * Wording kept: shared content words outside quotations that are not names
 * or numbers. Any two reports of one event share its names and numbers; a
 * copy shares the ordinary words its source's writer chose.
 */
export function wordingKept(a: ParagraphFeatures, b: ParagraphFeatures): number {
  return (
    0.5 * dice(a.wordingUnigrams, b.wordingUnigrams) +
    0.5 * dice(a.wordingBigrams, b.wordingBigrams)
  );
}

/** Share of x's distinct words that also occur in y, 0..1 (0 when x has none). */
export function containment(x: ParagraphFeatures, y: ParagraphFeatures): number {
  if (x.unigrams.length === 0) return 0;
  return sharedTerms(x.unigrams, y.unigrams) / x.unigrams.length;
}

/** Features of several paragraphs read as one (a paragraph a copy split in two, or two it merged). */
export function mergeFeatures(parts: readonly ParagraphFeatures[]): ParagraphFeatures {
  if (parts.length === 1) return parts[0]!;
  const words = parts.flatMap((p) => p.words);
  const { uni, bi } = ngrams(words);
  return {
    words,
    surface: parts.flatMap((p) => p.surface),
    unigrams: uni,
    bigrams: bi,
    unigramsOutside: unionTerms(parts.map((p) => p.unigramsOutside)),
    bigramsOutside: unionTerms(parts.map((p) => p.bigramsOutside)),
    outsideWords: [...new Set(parts.flatMap((p) => p.outsideWords))],
    wordingUnigrams: unionTerms(parts.map((p) => p.wordingUnigrams)),
    wordingBigrams: unionTerms(parts.map((p) => p.wordingBigrams)),
    quotations: parts.flatMap((p) => p.quotations),
    length: parts.reduce((s, p) => s + p.length, 0),
  };
}
