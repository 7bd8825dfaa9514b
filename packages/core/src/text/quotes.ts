/**
 * Quotations. Two outlets covering one event quote the same statements word
 * for word without copying each other, so overlap inside quotation marks says
 * little about derivation; overlap outside them says a lot.
 */

import { expectArrayOf, expectOptions, expectString, rules, shape } from '../args.js';
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
  return outsideQuotations(text, findQuotations(text));
}

/**
 * {@link withoutQuotations} of a text whose quotations (`findQuotations`)
 * are known already: the text itself when it has none.
 * @throws never.
 */
export function outsideQuotations(text: string, quotations: readonly Quotation[]): string {
  let out = '';
  let last = 0;
  for (const q of quotations) {
    out += text.slice(last, q.start) + ' ';
    last = q.end;
  }
  return out + text.slice(last);
}

/**
 * The text with every quotation's inner text blanked out character for
 * character, so that offsets into it are offsets into the text: a sentence
 * cut from a paragraph reads its part of the paragraph's quotations (a
 * quotation of two sentences leaves neither sentence a whole quotation).
 */
export function maskQuotations(text: string): string {
  expectString(text, 'maskQuotations: text');
  let out = '';
  let last = 0;
  for (const q of findQuotations(text)) {
    out += text.slice(last, q.start) + ' '.repeat(q.end - q.start);
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

/** A quotation two or more stories carry, with every story that carries it. */
export interface SharedQuotation {
  /** The longest wording found, as written. */
  readonly text: string;
  /** Ids of the stories carrying it, in the order given. */
  readonly stories: readonly string[];
  /** The other wordings found (excerpts, other punctuation or case), as written. */
  readonly variants: readonly string[];
}

export interface QuotationGroupOptions {
  /** Fewest words a quotation needs to be matched across stories (default 4: shorter ones are phrases). */
  readonly minWords?: number;
  /** Words per shingle (default 3). */
  readonly shingle?: number;
  /**
   * Share of a shorter quotation's shingles that must stand in a longer one
   * for it to count as an excerpt of it (default 0.8: an excerpt trimmed at
   * both ends or cut once in the middle by an ellipsis keeps more than that;
   * a spun or retranslated wording keeps about half).
   */
  readonly contained?: number;
}

interface Found {
  readonly story: number;
  readonly text: string;
  readonly words: readonly string[];
  readonly shingles: ReadonlySet<string>;
}

/**
 * The quotations carried by two or more stories, each with all the stories
 * that carry it. Quotations match when their normalised words are equal or
 * when one is an excerpt of the other (most of its word shingles stand in
 * the longer), so trimmed, re-punctuated and re-cased variants count. Pairs
 * are only compared when they share a shingle, never all against all.
 * Groups are ordered by the number of stories, then by first appearance.
 * @throws {CoreError} INVALID_ARGUMENT when `stories` is not an array of
 *   `{id, paragraphs}` or an option has the wrong type.
 */
export function sharedQuotations(
  stories: readonly { readonly id: string; readonly paragraphs: readonly string[] }[],
  options: QuotationGroupOptions = {},
): SharedQuotation[] {
  expectArrayOf(
    stories,
    'sharedQuotations: stories',
    shape({ id: rules.string, paragraphs: rules.stringArray }, 'a story'),
    'an array of {id, paragraphs}',
  );
  expectOptions(options, 'sharedQuotations: options', {
    minWords: rules.positiveInt,
    shingle: rules.positiveInt,
    contained: rules.positive,
  });
  const minWords = options.minWords ?? 4;
  const k = options.shingle ?? 3;
  const contained = options.contained ?? 0.8;
  const found: Found[] = [];
  const byKey = new Map<string, number>();
  for (const [si, s] of stories.entries())
    for (const p of s.paragraphs)
      for (const q of findQuotations(p)) {
        const norm = normalizeQuotation(q.text);
        const words = norm.split(' ').filter((w) => w !== '');
        if (words.length < minWords) continue;
        const key = `${si}\u0000${norm}`;
        if (byKey.has(key)) continue;
        byKey.set(key, found.length);
        const shingles = new Set<string>();
        for (let i = 0; i + k <= words.length; i++) shingles.add(words.slice(i, i + k).join(' '));
        // Shown without the comma or stop the sentence around it put inside the marks.
        let end = q.text.length;
        while (end > 0 && ' \t,;:'.includes(q.text[end - 1]!)) end--;
        const text = q.text.slice(0, end).trim();
        found.push({ story: si, text, words, shingles });
      }

  const parent = found.map((_, i) => i);
  const root = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  // The same words in several stories are one quotation at once (a wire
  // quote carried by a hundred copies is compared once, not a hundred times
  // with each of the others): only the first of each wording is compared.
  const wording = new Map<string, number>();
  const storiesOf = new Map<number, Set<number>>();
  const distinct: number[] = [];
  for (const [qi, q] of found.entries()) {
    const key = q.words.join(' ');
    const first = wording.get(key);
    if (first === undefined) {
      wording.set(key, qi);
      storiesOf.set(qi, new Set([q.story]));
      distinct.push(qi);
    } else {
      parent[root(qi)] = root(first);
      storiesOf.get(first)!.add(q.story);
    }
  }
  /** The one story a wording stands in, or -1 when it stands in several. */
  const onlyStory = (qi: number): number => {
    const s = storiesOf.get(qi)!;
    return s.size === 1 ? [...s][0]! : -1;
  };

  // Which wordings hold each shingle: candidates are only those sharing one.
  const holders = new Map<string, number[]>();
  for (const qi of distinct)
    for (const sh of found[qi]!.shingles) {
      const list = holders.get(sh);
      if (list) list.push(qi);
      else holders.set(sh, [qi]);
    }

  for (const qi of distinct) {
    const q = found[qi]!;
    const only = onlyStory(qi);
    const hits = new Map<number, number>();
    for (const sh of q.shingles)
      for (const other of holders.get(sh) ?? [])
        // Two wordings of one story alone are that story quoting itself.
        if (other !== qi && (only === -1 || onlyStory(other) !== only))
          hits.set(other, (hits.get(other) ?? 0) + 1);
    for (const [other, n] of hits) {
      const o = found[other]!;
      // q is the shorter (or equal) one: most of its shingles stand in o.
      if (o.words.length < q.words.length) continue;
      if (n >= contained * q.shingles.size) parent[root(qi)] = root(other);
    }
  }

  const groups = new Map<number, number[]>();
  for (const qi of found.keys()) {
    const r = root(qi);
    const list = groups.get(r);
    if (list) list.push(qi);
    else groups.set(r, [qi]);
  }
  const out: { q: SharedQuotation; first: number }[] = [];
  for (const members of groups.values()) {
    const storyIdx = [...new Set(members.map((m) => found[m]!.story))].sort((a, b) => a - b);
    if (storyIdx.length < 2) continue;
    const longest = members.reduce((a, b) =>
      found[b]!.words.length > found[a]!.words.length ? b : a,
    );
    const text = found[longest]!.text;
    // One variant per wording: the same words punctuated or cased otherwise are not listed twice.
    const wordings = new Map<string, string>([[found[longest]!.words.join(' '), text]]);
    for (const m of members) {
      const key = found[m]!.words.join(' ');
      if (!wordings.has(key)) wordings.set(key, found[m]!.text);
    }
    const variants = [...wordings.values()].slice(1);
    out.push({
      q: { text, stories: storyIdx.map((i) => stories[i]!.id), variants },
      first: Math.min(...members),
    });
  }
  out.sort((a, b) => b.q.stories.length - a.q.stories.length || a.first - b.first);
  return out.map((o) => o.q);
}
