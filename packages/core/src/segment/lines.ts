/**
 * The text of a page as logical lines ("units") with offsets, each with a
 * kind read from the line alone: prose, headline-like, metadata (byline,
 * date, dateline, credit), separator or furniture. Context (position, the
 * lines around) is weighed later, in segment.ts.
 */
import { segmentText } from '../text/segments.js';
import { parseDateLine } from './dates.js';
import { AUTHOR_BIO, BOILERPLATE, CREDIT, END_MARKERS, LONG_BOILERPLATE } from './vocabulary.js';

export type UnitKind =
  | 'separator'
  | 'boilerplate'
  | 'end'
  | 'image'
  | 'date'
  | 'outlet-date'
  | 'byline'
  | 'dateline'
  | 'credit'
  | 'prose'
  | 'headline'
  | 'short';

export interface Unit {
  /** Whitespace-folded text. */
  readonly text: string;
  /** Offsets of the unit in the document text. */
  readonly start: number;
  readonly end: number;
  /** Index of the blank-line-separated block the unit sits in. */
  readonly block: number;
  readonly words: number;
  kind: UnitKind;
  /** For separators: "***"-style rules split stories; "___" (wire-copy style) does not. */
  hard?: boolean;
  /** For date and outlet-date lines. */
  date?: { readonly iso: string; readonly labeled: boolean };
  /** For outlet-date lines: the outlet as written. */
  outlet?: string;
  /** For bylines: the names. */
  names?: string;
  /** For datelines: the news agency in brackets, if any. */
  agency?: string;
}

const TERMINAL = /[.!?…。！？]["'”’»)\]」』）]*$/;
const URL_LINE = /^(?:(?:https?:\/\/|www\.)\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\/\S*)$/i;
const IMAGE_URL =
  /\.(?:jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)|\/(?:image|img|images|photos?)[/.?]|\bimg\.|image\.php/i;
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;

/**
 * A dateline at the start of a text: "WILMINGTON, Del. (AP) —", "WASHINGTON —",
 * "(Reuters) -", "PORT SALEN, March 14, 2024 (Harbour Wire) —". The place is in capitals; the agency, if any, in brackets.
 */
// Its runs of spaces and capitalised words can backtrack polynomially; it
// only ever reads the first DATELINE_SPAN characters of a line (matchDateline).
/* eslint-disable regexp/no-super-linear-backtracking */
const DATELINE =
  /^(?:(?:\p{Lu}[\p{Lu}\p{M}.'’-]{2,})(?:\s+\p{Lu}[\p{Lu}\p{M}.'’-]+)*(?:,\s*\p{Lu}[\p{L}\p{M}.'’-]*(?:\s+\p{Lu}[\p{L}\p{M}.'’-]*){0,2})?(?:,?\s*(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\p{Lu}\p{Ll}{2,8}\.?\s+\d{4}))?\s*(?:\(([^()]{1,40})\))?|\(([^()]{1,40})\))\s*[—–-]{1,2}(?=\s|$)/u;
/* eslint-enable regexp/no-super-linear-backtracking */

/** Longer than any dateline ("WASHINGTON, Jan. 5, 2024 (AP) — "). */
const DATELINE_SPAN = 160;

/**
 * The dateline opening a line ("WASHINGTON (AP) —"), read from its first
 * {@link DATELINE_SPAN} characters only, so a hostile run costs bounded time.
 * @throws never.
 */
export function matchDateline(text: string): RegExpExecArray | null {
  return DATELINE.exec(text.length > DATELINE_SPAN ? text.slice(0, DATELINE_SPAN) : text);
}

export const endsSentence = (text: string): boolean => TERMINAL.test(text);
/** The key two lines share when they read the same. */
export const lineKey = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const wordSegmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** JavaScript's \s, by code. */
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  (c >= 0xa0 &&
    (c === 0xa0 ||
      c === 0x1680 ||
      (c >= 0x2000 && c <= 0x200a) ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x202f ||
      c === 0x205f ||
      c === 0x3000 ||
      c === 0xfeff));

/** Runs of non-space characters (`text.match(/\S+/g).length`, without building them). */
function countRuns(text: string): number {
  let n = 0;
  let inRun = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inRun) n++;
    inRun = !space;
  }
  return n;
}

/** Words of a line: spaces delimit them, except in scripts without spaces, where Intl.Segmenter finds them. */
export const wordCount = (text: string): number => {
  if (!UNSPACED.test(text)) return countRuns(text);
  let n = 0;
  for (const s of segmentText(wordSegmenter, text)) if (s.isWordLike) n++;
  return n;
};
/**
 * Does the line start as a headline or a name may: with a capital, a digit,
 * or a letter of a script without case (Han, Kana, Hangul, Thai, Arabic,
 * Hebrew, Devanagari…: \p{Lo}), where every letter is as good as a capital.
 */
const startsCapital = (text: string): boolean => /^["'“‘(「『《〈]?[\p{Lu}\p{N}\p{Lo}]/u.test(text);

const NAME_PARTICLES = new Set([
  'de',
  'da',
  'del',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'du',
  'dos',
  'di',
  'bin',
  'al',
  'el',
  'ibn',
  'and',
  '&',
]);

/** Title-cases a name written in capitals ("HANNA OKORO" → "Hanna Okoro"). */
function unshout(name: string): string {
  const letters = name.replace(/\b(?:and|de|da|del|der|van|von|la|le|du|di|bin|al|el)\b/g, '');
  if (letters !== letters.toUpperCase() || !/\p{Lu}{2}/u.test(name)) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'’-])(\p{Ll})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase())
    .replace(/\bAnd\b/g, 'and');
}

/** The names of a byline ("By X and Y", "By: X, Reuters"), or null when the line is not one. */
export function parseByline(line: string): string | null {
  const m = /^by(?:\s*:)?\s+(\S.*)$/i.exec(line);
  if (!m?.[1]) return null;
  let names = m[1].split(/(?<!\s)\s+[|•·]\s+/)[0] ?? '';
  // Drop a trailing role or outlet: "By X, Associated Press", "By X, staff writer".
  names = names.replace(
    /,\s*(?:(?:the )?[\p{Lu}][\p{L}.&' -]*(?:press|news|times|post|agency|radio|tv|staff|writer|reporter|correspondent|editor)s?)$/iu,
    '',
  );
  names = names.replace(/(?<!\s)\s+(?:for|of)\s.+$/i, '').trim();
  const words = names.split(/[\s,]+/).filter(Boolean);
  if (words.length === 0 || words.length > 14) return null;
  const nameLike = words.every(
    (w) => NAME_PARTICLES.has(w.toLowerCase()) || /^[\p{Lu}][\p{L}\p{M}.'’-]*$/u.test(w),
  );
  if (!nameLike) return null;
  // A sentence ending ("By Thursday, they had left.") is not a byline.
  if (/[!?]$/.test(names) || (/\.$/.test(names) && !/\b\p{Lu}\.$/u.test(names))) return null;
  return unshout(
    names.replace(/(?<![.,;])[.,;]+$/, (s) =>
      s.startsWith('.') && /\b\p{Lu}\.$/u.test(names) ? '.' : '',
    ),
  );
}

/** "BBC, 31 December 2021": an outlet name, a comma, and a full date. */
function parseOutletDate(
  line: string,
): { outlet: string; date: { iso: string; labeled: boolean } } | null {
  const m = /^([^,]{2,50}),\s+(\S.*)$/.exec(line);
  if (!m?.[1] || !m[2]) return null;
  const outlet = m[1].trim();
  if (wordCount(outlet) > 5 || !startsCapital(outlet)) return null;
  if (/^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i.test(outlet)) return null; // "Monday, March 20, 2023"
  const date = parseDateLine(m[2]);
  if (!date || date.labeled) return null;
  return { outlet, date: { iso: date.iso, labeled: true } };
}

function kindOf(u: Unit): void {
  const t = u.text;
  if (
    /^(?:(?:\*\s*){3,}|(?:#\s*){3,}|(?:~\s*){3,}|(?:•\s*){3,}|(?:=\s*){3,}|(?:-\s*){3,})$/.test(t)
  ) {
    u.kind = 'separator';
    u.hard = true;
    return;
  }
  if (/^(?:_\s*){3,}$/.test(t)) {
    u.kind = 'separator';
    u.hard = false;
    return;
  }
  if (URL_LINE.test(t)) {
    u.kind = IMAGE_URL.test(t) ? 'image' : 'boilerplate';
    return;
  }
  if (EMAIL.test(t) && u.words <= 8) {
    u.kind = 'boilerplate';
    return;
  }
  const date = parseDateLine(t);
  if (date) {
    u.kind = 'date';
    u.date = date;
    return;
  }
  const names = parseByline(t);
  if (names) {
    u.kind = 'byline';
    u.names = names;
    return;
  }
  const dateline = matchDateline(t);
  if (dateline && dateline[0].length >= t.length - 1) {
    u.kind = 'dateline';
    const agency = dateline[1] ?? dateline[2];
    if (agency) u.agency = agency.trim();
    return;
  }
  if (u.words <= 60 && CREDIT.some((re) => re.test(t))) {
    u.kind = 'credit';
    return;
  }
  const sentence = endsSentence(t);
  const longProse = sentence && u.words >= 8;
  if (!longProse && END_MARKERS.some((re) => re.test(t))) {
    u.kind = 'end';
    return;
  }
  // A notice is a line or two; a long line that ends in one (a scraped
  // article with its footer glued on) is still the article.
  if (
    (!longProse && u.words <= 30 && BOILERPLATE.some((re) => re.test(t))) ||
    (u.words <= 60 && LONG_BOILERPLATE.some((re) => re.test(t)))
  ) {
    u.kind = 'boilerplate';
    return;
  }
  // Menu items glued together by a lossy text export: "UK PoliticsWorld PoliticsVideos".
  if (!sentence && u.words <= 20 && (t.match(/\p{Ll}\p{Lu}\p{Ll}/gu) ?? []).length >= 2) {
    u.kind = 'boilerplate';
    return;
  }
  const outletDate = parseOutletDate(t);
  if (outletDate) {
    u.kind = 'outlet-date';
    u.outlet = outletDate.outlet;
    u.date = outletDate.date;
    return;
  }
  // Lower-case letters, or letters of a script without case (CJK, Arabic, Hebrew, Indic…).
  if ((sentence && u.words >= 2 && /[\p{Ll}\p{Lo}]/u.test(t)) || u.words >= 18) {
    // A short question standing alone is a subhead ("What's the outlook?").
    u.kind = /\?["”’]?$/.test(t) && u.words <= 6 && !/["“”]/.test(t) ? 'headline' : 'prose';
    return;
  }
  u.kind = u.words >= 3 && startsCapital(t) && t.length <= 200 ? 'headline' : 'short';
}

/** Joins lines of a hard-wrapped paragraph: a line that breaks mid-sentence and a continuation in lower case. */
function continues(prev: string, next: string): boolean {
  if (prev.length < 40 || endsSentence(prev) || URL_LINE.test(next) || URL_LINE.test(prev))
    return false;
  return /^\p{Ll}/u.test(next) || /[,;–—-]$/.test(prev);
}

/** Splits a text into units with offsets and kinds. */
export function toUnits(text: string): Unit[] {
  const units: Unit[] = [];
  let block = 0;
  let prevBlank = true;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const lineStart = offset;
    offset += raw.length + 1;
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) {
      if (!prevBlank) block++;
      prevBlank = true;
      continue;
    }
    prevBlank = false;
    const start = lineStart + lead;
    const end = start + trimmed.length;
    const folded = trimmed.replace(/\s+/g, ' ');
    const last = units.at(-1);
    if (last && last.block === block && continues(last.text, folded)) {
      units[units.length - 1] = {
        ...last,
        text: `${last.text} ${folded}`,
        end,
        words: last.words + wordCount(folded),
      };
      continue;
    }
    units.push({ text: folded, start, end, block, words: wordCount(folded), kind: 'short' });
  }
  for (const u of units) kindOf(u);
  return units;
}

/** Author boxes: a name line (often printed twice) followed by a bio of that person or desk. */
export function findAuthorBoxes(
  units: readonly Unit[],
): { at: number; length: number; name: string }[] {
  const boxes: { at: number; length: number; name: string }[] = [];
  for (let i = 0; i < units.length - 1; i++) {
    const name = units[i];
    if (!name || name.words > 6 || endsSentence(name.text) || !startsCapital(name.text)) continue;
    if (name.kind !== 'headline' && name.kind !== 'short') continue;
    let j = i + 1;
    if (units[j]?.text === name.text) j++;
    const bio = units[j];
    if (!bio || bio.kind !== 'prose') continue;
    const first = name.text.split(' ')[0] ?? '';
    const aboutName = bio.text.startsWith(`${first} `);
    if ((aboutName || j > i + 1) && AUTHOR_BIO.test(bio.text))
      boxes.push({ at: i, length: j - i + 1, name: name.text });
  }
  return boxes;
}
