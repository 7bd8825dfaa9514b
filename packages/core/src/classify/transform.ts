/**
 * What changed between a parent paragraph and its copy, word by word. The
 * shape of the changes tells the transformation apart: a spinner swaps single
 * content words in place and alters quotations too; a translation round-trip
 * rewrites function words and respells names; a journalist's paraphrase
 * rewrites everything but the quotations.
 */

import { hasTerm } from '../util/term-set.js';
import { diffWords } from '../util/word-diff.js';
import type { ParagraphFeatures } from '../align/index.js';
import { isStopword } from '../text/stopwords.js';
import type { ChangeProfile, Substitution } from './types.js';

const MORPH_SUFFIXES = new Set(['s', 'n', 'an', 'ian', 'ese', 'es', 'ns', 'ans', 'i', 'ern']);

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, k) => k);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

function properNouns(p: ParagraphFeatures): Map<string, string> {
  const out = new Map<string, string>();
  p.surface.forEach((s, i) => {
    const w = p.words[i] ?? '';
    if (w.length >= 4 && /^\p{Lu}/u.test(s) && !isStopword(w) && /^\p{L}+$/u.test(w)) out.set(w, s);
  });
  return out;
}

/** True when two names differ only by an inflection (Russia/Russian) rather than a respelling. */
function inflectionOf(a: string, b: string): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.startsWith(short) && MORPH_SUFFIXES.has(long.slice(short.length));
}

/** Proper nouns of the parent that the child respells, within one aligned pair. */
export function nameVariants(parent: ParagraphFeatures, child: ParagraphFeatures): Substitution[] {
  const pn = properNouns(parent);
  const cn = properNouns(child);
  const onlyP = [...pn.keys()].filter((w) => !cn.has(w) && !hasTerm(child.unigrams, w));
  const onlyC = [...cn.keys()].filter((w) => !pn.has(w) && !hasTerm(parent.unigrams, w));
  const out: Substitution[] = [];
  const used = new Set<string>();
  for (const p of onlyP) {
    for (const c of onlyC) {
      if (used.has(c) || Math.abs(p.length - c.length) > 1 || inflectionOf(p, c)) continue;
      const limit = Math.max(1, Math.floor(0.3 * Math.max(p.length, c.length)));
      if (editDistance(p, c, limit) <= limit) {
        out.push({ from: pn.get(p) ?? p, to: cn.get(c) ?? c });
        used.add(c);
        break;
      }
    }
  }
  return out;
}

/** Word-level change profile of parent → child. */
export function changeProfile(parent: ParagraphFeatures, child: ParagraphFeatures): ChangeProfile {
  const parts = diffWords(parent.words, child.words);
  let kept = 0;
  let changedParent = 0;
  let changedChild = 0;
  let substituted = 0;
  let changedStopwords = 0;
  const substitutions: Substitution[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (!part.added && !part.removed) {
      kept += part.value.length;
      continue;
    }
    if (part.removed) {
      changedParent += part.value.length;
      changedStopwords += part.value.filter((w) => isStopword(w)).length;
      const next = parts[k + 1];
      if (next?.added) {
        changedChild += next.value.length;
        if (part.value.length <= 3 && next.value.length <= 3) {
          substituted += part.value.length;
          if (part.value.length === 1 && next.value.length === 1) {
            const from = part.value[0]!;
            const to = next.value[0]!;
            if (!isStopword(from) && !isStopword(to)) substitutions.push({ from, to });
          }
        }
        k++;
      }
    } else {
      changedChild += part.value.length;
    }
  }
  const quotationsKept = parent.quotations.filter((q) => quotationKept(q, child)).length;
  return {
    kept,
    changedParent,
    changedChild,
    substituted,
    changedStopwords,
    substitutions,
    quotations: parent.quotations.length,
    quotationsKept,
    nameVariants: nameVariants(parent, child),
  };
}

/**
 * True when the child keeps a parent quotation word for word: whole, or as a
 * trimmed quotation of its own holding at least 60% of the parent's words
 * (reporters often quote only part of a statement).
 */
export function quotationKept(quote: string, child: ParagraphFeatures): boolean {
  const childText = ` ${child.words.join(' ')} `;
  if (childText.includes(` ${quote} `)) return true;
  const qLen = quote.split(' ').length;
  return child.quotations.some(
    (c) => c.split(' ').length >= 0.6 * qLen && ` ${quote} `.includes(` ${c} `),
  );
}
