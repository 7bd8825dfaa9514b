/**
 * Small text and randomness helpers shared by the generator's transforms:
 * quotation-aware rewriting, sentence splitting, case keeping, dates, and
 * seeded choices.
 */

import { findQuotations, splitSentencesByRule } from '@stemma/core';

/** A uniform random number in [0, 1), from a seeded generator. */
export type Rng = () => number;

export function pick<T>(rng: Rng, xs: readonly T[]): T {
  if (xs.length === 0) throw new Error('pick from an empty list');
  return xs[Math.floor(rng() * xs.length)]!;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** An integer in [lo, hi]. */
export function between(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Rewrites the parts of `text` outside quotation marks with `fn`, leaving
 * every quotation (and its marks) byte for byte as it was.
 */
export function mapOutsideQuotes(text: string, fn: (outside: string) => string): string {
  let out = '';
  let last = 0;
  for (const q of findQuotations(text)) {
    out += fn(text.slice(last, q.start)) + text.slice(q.start, q.end);
    last = q.end;
  }
  return out + fn(text.slice(last));
}

/** The inner texts of a text's quotations. */
export function quotationsOf(text: string): string[] {
  return findQuotations(text).map((q) => q.text);
}

/**
 * Sentences of a paragraph, by core's locale-independent rule
 * (`splitSentencesByRule`), which keeps generated corpora byte-identical per
 * seed on any machine.
 */
export const splitSentences = splitSentencesByRule;

/** `word` in the letter case of `model` (Capitalised, UPPER or as is). */
export function matchCase(model: string, word: string): string {
  if (model.length > 1 && model === model.toUpperCase() && model !== model.toLowerCase()) {
    return word.toUpperCase();
  }
  if (model[0] !== undefined && model[0] !== model[0].toLowerCase()) return capitalize(word);
  return word;
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}

export function decapitalize(s: string): string {
  // Keep the capital of a name or acronym ("Mayor", "NATO"); lower a plain first word.
  if (/^[A-Z][a-z]+\b/.test(s)) return s[0]!.toLowerCase() + s.slice(1);
  return s;
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;

/** ISO date (YYYY-MM-DD) → "March 3, 2025". */
export function longDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${MONTHS[d.getUTCMonth()]!} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** ISO date → "3 March 2025" (the day-first order of a translated page). */
export function dayFirstDate(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]!} ${d.getUTCFullYear()}`;
}

/** "March 3, 2025" → ISO date. @throws Error when the text is no such date. */
export function parseLongDate(text: string): string {
  const m = /^([A-Z][a-z]+) (\d{1,2}), (\d{4})$/.exec(text.trim());
  const month = m === null ? -1 : MONTHS.indexOf(m[1] as (typeof MONTHS)[number]);
  if (m === null || month < 0) throw new Error(`not a date like "March 3, 2025": ${text}`);
  return `${m[3]!}-${String(month + 1).padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function weekday(iso: string): string {
  return WEEKDAYS[new Date(`${iso}T12:00:00Z`).getUTCDay()]!;
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A URL slug from a headline. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}
