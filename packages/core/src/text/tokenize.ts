/**
 * Word tokenisation shared by every stage. Uses Intl.Segmenter so that text in
 * other scripts (and scripts without spaces) splits into words sensibly.
 */

import { segmentText } from './segments.js';

const segmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** One word of a text, with its offsets. */
export interface Token {
  /** The word as written. */
  readonly text: string;
  /** Lower-cased, curly quotes and dashes folded, for comparison. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Folds typographic variants that carry no meaning (curly quotes, dashes,
 * non-breaking spaces) so that copies differing only in typography compare equal.
 */
export function foldTypography(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2007\u202F]/g, ' ');
}

/**
 * Folds spelling variants that carry no meaning: "U.S" = "US", "Russia's" = "russia".
 * @throws never.
 */
export function foldWord(w: string): string {
  return w.replace(/\./g, '').replace(/'s$/, '');
}

/** Splits text into word tokens (punctuation and spaces dropped). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const seg of segmentText(segmenter, text)) {
    if (!seg.isWordLike) continue;
    out.push({
      text: seg.segment,
      norm: foldTypography(seg.segment).toLowerCase(),
      start: seg.index,
      end: seg.index + seg.segment.length,
    });
  }
  return out;
}

/** Normalised words of a text, in order. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}
