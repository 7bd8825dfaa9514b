/**
 * Quotations. Two outlets covering one event quote the same statements word
 * for word without copying each other, so overlap inside quotation marks says
 * little about derivation; overlap outside them says a lot.
 */

import { expectString } from '../args.js';
import { foldTypography } from './tokenize.js';

/** A quotation found in a text: its inner text and offsets (of the inner text). */
export interface Quotation {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const OPENERS = new Set(['\u201C', '\u201E', '\u00AB']);
const CLOSERS = new Set(['\u201D', '\u00BB']);

/**
 * Quotations in a text, in order, of at least two words. Curly quotes and
 * guillemets pair as opener and closer; straight quotes pair in turn. A
 * quotation never spans a line break.
 */
export function findQuotations(text: string): Quotation[] {
  expectString(text, 'findQuotations: text');
  const out: Quotation[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      open = -1;
      continue;
    }
    const isStraight = c === '"';
    if (open < 0 && (OPENERS.has(c) || isStraight)) {
      open = i + 1;
    } else if (open >= 0 && (CLOSERS.has(c) || isStraight)) {
      const inner = text.slice(open, i);
      if (/\S\s+\S/.test(inner)) out.push({ text: inner, start: open, end: i });
      open = -1;
    } else if (open >= 0 && OPENERS.has(c)) {
      // A new opener before a closer: the earlier quote was never closed.
      open = i + 1;
    }
  }
  return out;
}

/** The text with every quotation's inner text replaced by a space. */
export function withoutQuotations(text: string): string {
  expectString(text, 'withoutQuotations: text');
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
