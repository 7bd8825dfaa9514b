/**
 * Dates as pages write them ("BBC, 31 December 2021", "Published Date: Tue,
 * 14 Mar 2023 09:41:12 +0000", "Monday, March 20, 2023"), read with chrono.
 * Only full calendar dates with an explicit year count: "3 days ago" or
 * "Dec. 3" say nothing reliable about when a story was published.
 */
import * as chrono from 'chrono-node';
import { detach } from '../util/detach.js';

export interface FoundDate {
  /** YYYY-MM-DD as written (no time-zone shift). */
  readonly iso: string;
  readonly index: number;
  readonly text: string;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The last texts chrono read, with what it found. A query segments its
 * candidate pages again, and their date lines with them: chrono took 434 of
 * the 10,301 ms of CPU that 78 warm queries of a 2,000-article index took
 * (231 with this). Cleared at 4,096 texts; keys are detached from their pages.
 */
const seen = new Map<string, readonly FoundDate[]>();

/** Every full date (day, month and a written year) in a text, in order. */
export function findDates(text: string): FoundDate[] {
  // A date is kept only when its text holds a year 18xx–20xx or a Thai 25xx (below), so a
  // text holding none has no date to find: most lines, which chrono would
  // otherwise parse (a quarter of a second of every small run).
  if (!/(?:1[89]|2[05])\d\d/.test(text)) return [];
  const hit = seen.get(text);
  if (hit !== undefined) return [...hit];
  if (seen.size >= 4096) seen.clear();
  const out = chronoDates(text);
  seen.set(detach(text), out);
  return [...out];
}

/** Month names, January first, in languages chrono has no parser for (spellings in use each). */
const HINDI_MONTHS: readonly (readonly string[])[] = [
  ['जनवरी'],
  ['फ़रवरी', 'फरवरी'],
  ['मार्च'],
  ['अप्रैल', 'अप्रेल'],
  ['मई'],
  ['जून'],
  ['जुलाई'],
  ['अगस्त'],
  ['सितंबर', 'सितम्बर'],
  ['अक्टूबर', 'अक्तूबर'],
  ['नवंबर', 'नवम्बर'],
  ['दिसंबर', 'दिसम्बर'],
];
const URDU_MONTHS: readonly (readonly string[])[] = [
  ['جنوری'],
  ['فروری'],
  ['مارچ'],
  ['اپریل'],
  ['مئی'],
  ['جون'],
  ['جولائی'],
  ['اگست'],
  ['ستمبر'],
  ['اکتوبر'],
  ['نومبر'],
  ['دسمبر'],
];
const THAI_MONTHS: readonly (readonly string[])[] = [
  ['มกราคม'],
  ['กุมภาพันธ์'],
  ['มีนาคม'],
  ['เมษายน'],
  ['พฤษภาคม'],
  ['มิถุนายน'],
  ['กรกฎาคม'],
  ['สิงหาคม'],
  ['กันยายน'],
  ['ตุลาคม'],
  ['พฤศจิกายน'],
  ['ธันวาคม'],
];

/**
 * A chrono parser of "day month year" with the given month names ("12 मार्च
 * 2026", "12 مارچ 2026", "12 มีนาคม 2569"): chrono's own extension point (a
 * parser of a cloned configuration). `era` may stand before the year, and
 * `offset` years are taken off (the Thai solar calendar counts from 543 BC).
 */
function monthNames(
  months: readonly (readonly string[])[],
  year: { era: RegExp; offset: number } = { era: /(?:)/u, offset: 0 },
): chrono.Chrono {
  const monthOf = new Map(months.flatMap((names, k) => names.map((n) => [n, k + 1] as const)));
  const names = [...monthOf.keys()].sort((a, b) => b.length - a.length).join('|');
  const pattern = new RegExp(
    `(?<![0-9])([0-9]{1,2})\\s+(${names})\\s*,?\\s+${year.era.source}([0-9]{4})(?![0-9])`,
    'u',
  );
  const parser = chrono.casual.clone();
  parser.parsers = [
    {
      pattern: () => pattern,
      extract: (_context, match) => ({
        day: Number(match[1]),
        month: monthOf.get(match[2] ?? '') ?? 0,
        year: Number(match[3]) - year.offset,
      }),
    },
  ];
  parser.refiners = [];
  return parser;
}

/**
 * chrono's parsers for other languages, by the script of the text, tried in
 * order when the English one finds no full date: "12 марта 2026 года",
 * "2026年3月12日", "12. März 2026", "12 de marzo de 2026". English goes first,
 * so a line English reads ("12.03.2026", month first) is read as before.
 */
const OTHER_PARSERS: readonly (readonly [RegExp, readonly chrono.Chrono[]])[] = [
  [/\p{Script=Cyrillic}/u, [chrono.ru.casual, chrono.uk.casual]],
  [/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u, [chrono.zh.casual, chrono.ja.casual]],
  [/\p{Script=Arabic}/u, [chrono.ar.casual, monthNames(URDU_MONTHS)]],
  [/\p{Script=Devanagari}/u, [monthNames(HINDI_MONTHS)]],
  [/\p{Script=Thai}/u, [monthNames(THAI_MONTHS, { era: /(?:พ\.\s?ศ\.\s*)?/u, offset: 543 })]],
  [
    /\p{Script=Latin}/u,
    [
      chrono.de.casual,
      chrono.fr.casual,
      chrono.es.casual,
      chrono.pt.casual,
      chrono.it.casual,
      chrono.nl.casual,
      chrono.sv.casual,
      chrono.fi.casual,
      chrono.id.casual,
      chrono.vi.casual,
    ],
  ],
];

function chronoDates(text: string): FoundDate[] {
  const found = datesBy(chrono.casual, text);
  if (found.length > 0) return found;
  for (const [script, parsers] of OTHER_PARSERS) {
    if (!script.test(text)) continue;
    for (const parser of parsers) {
      const other = datesBy(parser, text);
      if (other.length > 0) return other;
    }
  }
  return [];
}

/** The full dates (day, month and a written year) one chrono parser reads in a text. */
function datesBy(parser: chrono.Chrono, text: string): FoundDate[] {
  const out: FoundDate[] = [];
  for (const r of parser.parse(text, new Date(Date.UTC(2000, 0, 1)))) {
    const c = r.start;
    if (!c.isCertain('day') || !c.isCertain('month') || !c.isCertain('year')) continue;
    // Relative ("3 days ago") or year implied; 25xx is a Thai year, 543 ahead.
    if (!/\b(?:1[89]|20|25)\d\d\b/.test(r.text)) continue;
    const year = c.get('year');
    const month = c.get('month');
    const day = c.get('day');
    if (year === null || month === null || day === null) continue;
    out.push({
      iso: `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`,
      index: r.index,
      text: r.text,
    });
  }
  return out;
}

const LABEL =
  /^[\s|•·:-]*(?:first |last )?(?:published|posted|updated|modified|date|dated|publication date|release date)(?:\s+(?:date|on|at))?\s*[:\-–—]?\s*/i;
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;
const FILLER = /^(?:on|at|the|of|gmt|utc|et|est|edt|pt|pst|bst|cet|am|pm|a\.m\.|p\.m\.)$/i;

/** Words of a line left over once a date is taken out (weekdays, times, "on", "at" ignored). */
function leftover(text: string): string[] {
  return text
    .split(/[\s,|•·()]+/)
    .filter((w) => /\p{L}/u.test(w) && !WEEKDAY.test(w) && !FILLER.test(w));
}

/** A line that is only a date, possibly with a label ("Published: …", "date …"). */
export interface DateLine {
  readonly iso: string;
  /** True when a label says what the date is ("Published", "date", "Updated"). */
  readonly labeled: boolean;
}

/**
 * Reads a line that holds a date and little else. Labeled lines may carry a
 * little furniture after the date (glued menu words, a time zone).
 */
export function parseDateLine(line: string): DateLine | null {
  if (line.length > 90) return null;
  const label = LABEL.exec(line);
  const rest = label ? line.slice(label[0].length) : line;
  const found = findDates(rest)[0];
  if (!found) return null;
  const outside = rest.slice(0, found.index) + ' ' + rest.slice(found.index + found.text.length);
  const extra = leftover(outside).length;
  if (label ? extra > 2 || found.index > 3 : extra > 0) return null;
  return { iso: found.iso, labeled: label !== null };
}
