/**
 * Sentence splitting with Intl.Segmenter. Copies split and merge paragraphs
 * freely, and a short text is often one paragraph drawing on several of its
 * source's: sentences are the unit that survives both.
 *
 * Every script's sentence-final punctuation ends a sentence (. ! ? ؟ ۔ । ॥
 * 。 ！ ？ …, the Unicode Sentence_Terminal set), also where scraped text lost
 * the space after it ("…القوات.وقال …", "yapıldı.Bakan"). The abbreviation
 * rules below are for Latin script, where a full stop also marks "Mr." and
 * "U.S.".
 */

import { expectString } from '../args.js';
import { SENTENCE_WINDOW, segmentText } from './segments.js';
/** One segmenter per language: ICU's sentence rules are per locale. */
const segmenters = new Map<string, Intl.Segmenter>();

function sentenceSegmenter(language: string | null | undefined): Intl.Segmenter {
  const key = language ?? 'en';
  let s = segmenters.get(key);
  if (!s) {
    try {
      s = new Intl.Segmenter(key, { granularity: 'sentence' });
    } catch {
      // Not a language tag Intl knows the syntax of: the root rules serve.
      s = new Intl.Segmenter('en', { granularity: 'sentence' });
    }
    segmenters.set(key, s);
  }
  return s;
}

const wordSegmenter = new Intl.Segmenter('en', { granularity: 'word' });

/** A title that ends a segment only because of its full stop. */
const TITLE_BEFORE_NAME =
  /(?:^|\s)(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Prof|Rev|Hon|St|Mt)\.$/;

/** A segment ending in one of these did not end a sentence ("Mr. Biden", "3 p.m. ET", "U.S. officials"). */
const ABBREVIATION =
  /(?:\b(?:Mr|Mrs|Ms|Dr|St|Mt|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Jr|Sr|Prof|Rev|Hon|No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Inc|Corp|Ltd|Co|vs|etc|approx)|\b\p{L}\.\p{L}|\b[ap]\.m|(?:^|\s)\p{Lu})\.\s*$/u;

/** Longer than any abbreviation ABBREVIATION reads, with its trailing spaces. */
const ABBREVIATION_SPAN = 40;

/**
 * True when a sentence (trimmed) ends in an abbreviation. Only its last
 * characters are read: the pattern is anchored at the end, and a sentence
 * grown from a long run of fragments would otherwise be rescanned whole.
 */
const endsInAbbreviation = (sentence: string): boolean =>
  ABBREVIATION.test(
    sentence.length > ABBREVIATION_SPAN ? sentence.slice(-ABBREVIATION_SPAN) : sentence,
  );

/**
 * A sentence end with no space after it, which ICU's rules keep together
 * when the next word is capitalised ("yapıldı.Bakan", "forces.He"): two
 * lower-case or caseless letters, sentence-final punctuation, closing
 * quotes or brackets, then a word starting upper-case-then-lower or in a
 * caseless script. Requiring two letters before keeps "U.S.Army", "p.m.";
 * requiring lower case after keeps "www.BBC.com".
 */
const GLUED_END =
  /(?<=[\p{Ll}\p{Lo}\p{M}]{2}\p{Sentence_Terminal}{1,16}["'\u2019\u201D\u00BB)\]]{0,16})(?=[\u201C\u00AB]?(?:\p{Lu}\p{Ll}|\p{Lo}))/gu;

/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;

const SPACES = /\s+/g;

/**
 * Words in a sentence, counted up to `atLeast` (all a caller compares):
 * spaces count them, except in scripts written without spaces. The spaces
 * are counted in place, not split out (one array per sentence of a long page).
 */
function wordCount(text: string, atLeast: number): number {
  // Pieces between runs of spaces, as text.split(/\s+/) would give them.
  let n = 1;
  SPACES.lastIndex = 0;
  while (n < atLeast && SPACES.test(text)) n++;
  if (n >= atLeast || !UNSPACED.test(text)) return n;
  let words = 0;
  for (const w of segmentText(wordSegmenter, text)) if (w.isWordLike) words++;
  return Math.max(n, words);
}

/** ICU's sentence segments, each cut again where a sentence end lost its space. */
function* segments(text: string, language: string | null | undefined) {
  for (const s of segmentText(sentenceSegmenter(language), text, SENTENCE_WINDOW)) {
    let from = 0;
    for (const m of s.segment.matchAll(GLUED_END)) {
      yield { segment: s.segment.slice(from, m.index), index: s.index + from };
      from = m.index;
    }
    yield { segment: s.segment.slice(from), index: s.index + from };
  }
}

export interface SentenceSpan {
  readonly text: string;
  /** Offsets into the text given. */
  readonly start: number;
  readonly end: number;
}

export interface SplitSentencesOptions {
  /** The text's language (ISO 639-3 or BCP 47), for the segmenter's locale; English when unknown. */
  readonly language?: string | null | undefined;
  /** Fragments of fewer words join the sentence before them; default 4. */
  readonly minWords?: number;
}

/**
 * Sentences of a text, trimmed. A fragment of fewer than `minWords` words
 * (an abbreviation's tail, a stray "…") joins the sentence before it.
 * @throws never.
 */
export function splitSentences(text: string, options: SplitSentencesOptions = {}): SentenceSpan[] {
  const minWords = options.minWords ?? 4;
  const out: SentenceSpan[] = [];
  let carry: number | null = null;
  // The last sentence's word count, kept as it grows: a run of fragments
  // ("A. A. A. …") merges into one sentence, and recounting it at each merge
  // was quadratic. Counts only grow as text is appended, so once at
  // `minWords` the count need not be taken again.
  let prevWords = Infinity;
  for (const s of segments(text, options.language)) {
    const lead = s.segment.length - s.segment.trimStart().length;
    const body = s.segment.trim();
    if (!body) continue;
    const start: number = carry ?? s.index + lead;
    const end = s.index + lead + body.length;
    // "Mr." and kin belong to the sentence that follows them.
    if (TITLE_BEFORE_NAME.test(body)) {
      carry = start;
      continue;
    }
    carry = null;
    const span = { text: text.slice(start, end), start, end };
    const prev = out[out.length - 1];
    const words = wordCount(span.text, minWords);
    const continues =
      prev !== undefined && (endsInAbbreviation(prev.text) || /^[\p{Ll}\p{N}]/u.test(span.text));
    if (prev && (continues || words < minWords || prevWords < minWords)) {
      const merged = { text: text.slice(prev.start, end), start: prev.start, end };
      out[out.length - 1] = merged;
      if (prevWords < minWords) prevWords = wordCount(merged.text, minWords);
    } else {
      out.push(span);
      prevWords = words;
    }
  }
  if (carry !== null) {
    const prev = out.pop();
    const start = prev ? prev.start : carry;
    const end = text.trimEnd().length;
    out.push({ text: text.slice(start, end), start, end });
  }
  return out;
}

const RULE_TITLES = /(?:\b(?:Dr|Mr|Mrs|Ms|St|Prof|No|Gen|Lt|Col|Sgt|Capt))\.$/;

/**
 * Sentences of an English paragraph by a fixed rule, for text generation: a
 * sentence ends at . ! or ? (with any closing quotation mark) followed by a
 * space and a capital letter, digit or opening quotation mark, outside an open
 * quotation; titles like "Dr." do not end one. Unlike {@link splitSentences}
 * it reads no locale data, so the generator's corpora stay byte-identical per
 * seed whatever the machine's ICU version (swapping the segmenter in changed
 * 451 files of a fixed seed's corpus). Not for analysing pages.
 * @throws {CoreError} INVALID_ARGUMENT when `paragraph` is not a string.
 */
export function splitSentencesByRule(paragraph: string): string[] {
  expectString(paragraph, 'splitSentencesByRule: paragraph');
  const out: string[] = [];
  let start = 0;
  const re = /[.!?]["\u201D]?(?= +["\u201CA-Z0-9])/g;
  for (let m = re.exec(paragraph); m !== null; m = re.exec(paragraph)) {
    const end = m.index + m[0].length;
    const candidate = paragraph.slice(start, end);
    if (RULE_TITLES.test(candidate)) continue;
    // Not inside an open quotation: an even number of straight quotes so far.
    const quotes = (candidate.match(/"/g) ?? []).length;
    if (quotes % 2 === 1) continue;
    out.push(candidate.trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') out.push(rest);
  return out;
}
