/**
 * How close a generated copy stays to its parent, outside quotations: the
 * yardstick the generator's paraphrase and translation-like transforms are
 * held to (a property of the generator, not of Stemma's method).
 *
 * - `fourgram`: the share of the child's distinct word 4-grams (within a
 *   paragraph, quotations removed) that the parent also has — the figure
 *   quoted for examples/paraphrase.txt (5%).
 * - `content`: the share of the child's distinct content words (not stop
 *   words, quotations removed; names and numbers count) that the parent also has.
 * - `length`: the child's words over the parent's (quotations included).
 */

import { isStopword, withoutQuotations } from '@stemma/core';

export interface Overlap {
  readonly fourgram: number;
  readonly content: number;
  readonly length: number;
}

const TOKEN = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

function tokens(text: string): string[] {
  return (text.toLowerCase().match(TOKEN) ?? []).map((t) => t.replace(/['\u2019]s$/, ''));
}

function fourgrams(paragraphs: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const p of paragraphs) {
    const t = tokens(withoutQuotations(p));
    for (let i = 0; i + 4 <= t.length; i++) out.add(t.slice(i, i + 4).join(' '));
  }
  return out;
}

function contentWords(paragraphs: readonly string[]): Set<string> {
  return new Set(
    paragraphs.flatMap((p) => tokens(withoutQuotations(p))).filter((w) => !isStopword(w)),
  );
}

function share(child: ReadonlySet<string>, parent: ReadonlySet<string>): number {
  if (child.size === 0) return 0;
  let n = 0;
  for (const x of child) if (parent.has(x)) n++;
  return n / child.size;
}

/** Overlap of `child` with `parent`, both given as paragraphs. */
export function overlap(parent: readonly string[], child: readonly string[]): Overlap {
  const words = (ps: readonly string[]): number => ps.reduce((n, p) => n + tokens(p).length, 0);
  return {
    fourgram: share(fourgrams(child), fourgrams(parent)),
    content: share(contentWords(child), contentWords(parent)),
    length: words(child) / Math.max(1, words(parent)),
  };
}
