/**
 * Word tokenisation shared by every stage. Words are the word-like segments
 * Intl.Segmenter finds (Unicode word boundaries, UAX #29), so that text in
 * other scripts (and scripts without spaces) splits into words sensibly.
 *
 * Runs of plain ASCII between ASCII whitespace take a fast path that applies
 * the same boundary rules directly: V8's segmenter yields a few million
 * characters a second, and a page is tokenised by several stages, so a
 * 45 MB page spent most of a minute here. Everything else (any run holding a
 * character past U+007F, with the whitespace between such runs) still goes
 * through the segmenter. Both paths give the same tokens: a property test
 * compares them on random text of every kind (tokenize.test.ts).
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

/** Word_Break classes of the ASCII characters (UAX #29), as the fast path needs them. */
const OTHER = 0;
const LETTER = 1; // ALetter
const DIGIT = 2; // Numeric
const UNDERSCORE = 3; // ExtendNumLet
const MID_LETTER = 4; // MidLetter: ':'
const MID_NUM_LET = 5; // MidNumLet and Single_Quote: '.' "'"
const MID_NUM = 6; // MidNum: ',' ';'

const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  CLASS[c] = /[A-Za-z]/.test(ch)
    ? LETTER
    : /[0-9]/.test(ch)
      ? DIGIT
      : ch === '_'
        ? UNDERSCORE
        : ch === ':'
          ? MID_LETTER
          : ch === '.' || ch === "'"
            ? MID_NUM_LET
            : ch === ',' || ch === ';'
              ? MID_NUM
              : OTHER;
}

/** Whether a word boundary falls between text[i - 1] and text[i], all ASCII in [from, to). */
function asciiBreak(text: string, from: number, to: number, i: number): boolean {
  const prev = CLASS[text.charCodeAt(i - 1)] as number;
  const cur = CLASS[text.charCodeAt(i)] as number;
  const next = i + 1 < to ? (CLASS[text.charCodeAt(i + 1)] as number) : OTHER;
  const before = i - 2 >= from ? (CLASS[text.charCodeAt(i - 2)] as number) : OTHER;
  const wordy = (c: number) => c === LETTER || c === DIGIT;
  // WB5, WB8, WB9, WB10: letters and digits hold together.
  if (wordy(prev) && wordy(cur)) return false;
  // WB6, WB7: letter (MidLetter | MidNumLetQ) letter.
  if (prev === LETTER && (cur === MID_LETTER || cur === MID_NUM_LET) && next === LETTER)
    return false;
  if (before === LETTER && (prev === MID_LETTER || prev === MID_NUM_LET) && cur === LETTER)
    return false;
  // WB11, WB12: digit (MidNum | MidNumLetQ) digit.
  if (prev === DIGIT && (cur === MID_NUM || cur === MID_NUM_LET) && next === DIGIT) return false;
  if (before === DIGIT && (prev === MID_NUM || prev === MID_NUM_LET) && cur === DIGIT) return false;
  // WB13a, WB13b: the connector '_' joins letters, digits and itself.
  if ((wordy(prev) || prev === UNDERSCORE) && cur === UNDERSCORE) return false;
  if (prev === UNDERSCORE && wordy(cur)) return false;
  return true;
}

/** Receives one word: its offsets, and its text when already cut out. */
type WordSink = (start: number, end: number, segment: string | undefined) => void;

/** The words of an ASCII run without whitespace, text[from, to), by the rules above. */
function asciiWords(text: string, from: number, to: number, emit: WordSink): void {
  let start = from;
  for (let i = from + 1; i <= to; i++) {
    if (i < to && !asciiBreak(text, from, to, i)) continue;
    // A segment is word-like when it holds a letter or digit or is a run of
    // connectors ("__"), as ICU's rule statuses make it.
    const c = CLASS[text.charCodeAt(start)] as number;
    if (i - start > 1 || c === LETTER || c === DIGIT) emit(start, i, undefined);
    start = i;
  }
}

/** The words the segmenter finds in text[from, to). */
function segmenterWords(text: string, from: number, to: number, emit: WordSink): void {
  for (const seg of segmentText(segmenter, text.slice(from, to)))
    if (seg.isWordLike) emit(from + seg.index, from + seg.index + seg.segment.length, seg.segment);
}

/** ASCII whitespace: what separates the runs of the fast path. */
const isAsciiSpace = (c: number) => c === 32 || (c >= 9 && c <= 13);

/**
 * Calls `emit` for every word of `text`, in order, without building tokens:
 * for stages that read a few words of many (names, counts).
 * @throws never.
 */
export function eachWord(text: string, emit: WordSink): void {
  // Runs with characters past ASCII, and the whitespace between them, go to
  // the segmenter together: [pending, pendingEnd).
  let pending = -1;
  let pendingEnd = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    while (i < n && isAsciiSpace(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const from = i;
    let ascii = true;
    for (let c = text.charCodeAt(i); i < n && !isAsciiSpace(c); c = text.charCodeAt(++i))
      if (c > 0x7f) ascii = false;
    if (!ascii) {
      if (pending < 0) pending = from;
      pendingEnd = i;
      continue;
    }
    if (pending >= 0) {
      segmenterWords(text, pending, pendingEnd, emit);
      pending = -1;
    }
    asciiWords(text, from, i, emit);
  }
  if (pending >= 0) segmenterWords(text, pending, pendingEnd, emit);
}

/**
 * The tokens of texts tokenised lately, by text: a query's stages tokenise
 * the same paragraphs and sentences again and again (three calls in four
 * were of a text tokenised before in the same query: the encoder's bag of
 * words, the paragraph features, the story text, the sentence views…).
 * Tokens are a function of the text alone. Only texts up to
 * {@link REMEMBERED_CHARS} are kept, at most {@link REMEMBERED} of them, the
 * oldest forgotten first, so the memory held stays small (a few MB).
 */
const remembered = new Map<string, readonly Token[]>();
const REMEMBERED = 1024;
const REMEMBERED_CHARS = 2000;

/**
 * Splits text into word tokens (punctuation and spaces dropped).
 * @throws never.
 */
export function tokenize(text: string): Token[] {
  const known = remembered.get(text);
  // A new array each call: callers may change theirs (tokens are read-only).
  if (known !== undefined) return known.slice();
  const out: Token[] = [];
  eachWord(text, (start, end, segment) => {
    const word = segment ?? text.slice(start, end);
    // The fast path's words are ASCII: nothing to fold but case.
    const norm = segment === undefined ? word.toLowerCase() : foldTypography(word).toLowerCase();
    out.push({ text: word, norm, start, end });
  });
  if (text.length <= REMEMBERED_CHARS) {
    if (remembered.size >= REMEMBERED) remembered.delete(remembered.keys().next().value!);
    remembered.set(text, out.slice());
  }
  return out;
}

/** Normalised words of a text, in order. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}
