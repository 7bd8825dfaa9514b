/**
 * Quotations. Two outlets covering one event quote the same statements word
 * for word without copying each other, so overlap inside quotation marks says
 * little about derivation; overlap outside them says a lot.
 */

import { foldTypography } from './tokenize.js';

/** A quotation found in a text: its inner text and offsets (of the inner text). */
export interface Quotation {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

// Straight or curly double quotes, and guillemets. A quotation is at least
// two words long, so inch marks and stray quote characters don't count.
const QUOTE_RE = /["\u201C\u201D\u201E\u00AB\u00BB]([^"\u201C\u201D\u201E\u00AB\u00BB\n]{3,}?)["\u201C\u201D\u201E\u00AB\u00BB]/g;

/** Quotations in a text, in order. */
export function findQuotations(text: string): Quotation[] {
  const out: Quotation[] = [];
  for (const m of text.matchAll(QUOTE_RE)) {
    const inner = m[1] ?? '';
    if (!/\S+\s+\S+/.test(inner)) continue;
    const start = (m.index ?? 0) + 1;
    out.push({ text: inner, start, end: start + inner.length });
  }
  return out;
}

/** The text with every quotation's inner text replaced by a space. */
export function withoutQuotations(text: string): string {
  let out = '';
  let last = 0;
  for (const q of findQuotations(text)) {
    out += text.slice(last, q.start) + ' ';
    last = q.end;
  }
  return out + text.slice(last);
}

/** Canonical form of a quotation for matching across texts. */
export function normalizeQuotation(text: string): string {
  return foldTypography(text)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
