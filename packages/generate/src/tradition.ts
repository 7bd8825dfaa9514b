/**
 * generateTradition: an artificial textual tradition, as the benchmark data
 * sets of computer-assisted stemmatology are made (Roos & Heikkilä 2009):
 * an original text is copied along a random rooted tree, each copy made from
 * its parent with word substitutions, omissions, transpositions and small
 * additions at the copy's own rates; then some copies are lost. The extant
 * witnesses are what a tool sees; the whole tree, lost nodes included, is the
 * truth it is scored against.
 *
 * Shape: a random recursive tree (copy k is made from one of the k texts
 * before it, uniformly), which mixes chains and stars. Only nodes with two or
 * more children are lost (and the root, with its own probability): a lost
 * leaf leaves no trace, and a lost node with one child cannot be told from
 * that child's edge, so every lost node here is one a tool could recover —
 * its cluster of extant descendants differs from each of its children's.
 *
 * Dates (optional): the original gets the seed article's date and each copy a
 * date 1–30 days after its parent's, so parents always come before children.
 * Everything random comes from the seed: one seed, one tradition, byte for byte.
 */

import { seededRandom } from '@stemma/core';
import { loadSeedArticles, type Draft } from './article.js';
import { spinCandidates } from './spin.js';
import { addDays, between, chance, longDate, matchCase, pick, shuffled, type Rng } from './text.js';
import type { SeedArticle } from './types.js';
import { loadWordNet, type WordNet } from './wordnet.js';

/** Per-word probabilities of each change a copyist makes. */
export interface CopyRates {
  /** A word replaced by a synonym (or, without one, by another word of the text). */
  readonly substitute: number;
  /** A word left out. */
  readonly omit: number;
  /** A word swapped with the next one. */
  readonly transpose: number;
  /** A small word added after a word. */
  readonly add: number;
}

export const DEFAULT_COPY_RATES: CopyRates = {
  substitute: 0.02,
  omit: 0.01,
  transpose: 0.008,
  add: 0.006,
};

export interface TraditionOptions {
  /** Seed of everything. */
  readonly seed: number;
  /** Copies made from the original (default 12): the tree has copies + 1 nodes. */
  readonly copies?: number;
  /** Mean rates; each copy draws its own, between half and one and a half times these (default {@link DEFAULT_COPY_RATES}). */
  readonly rates?: CopyRates;
  /** Probability that a non-root node with two or more children is lost (default 0.4). */
  readonly lostRate?: number;
  /** Probability that the original is lost (default 0.5). */
  readonly rootLostRate?: number;
  /** Give each witness a date (default true). */
  readonly dated?: boolean;
  /** The original (default: one of the bundled seed articles, chosen by the seed). */
  readonly article?: SeedArticle;
  /** Word list for substitutions (default the bundled WordNet). */
  readonly wordnet?: WordNet;
  /** Prefix of the node ids (default "t"). */
  readonly id?: string;
}

/** One text of the tree, extant or lost. */
export interface TraditionNode {
  readonly id: string;
  /** The node it was copied from; null for the original. */
  readonly parent: string | null;
  readonly extant: boolean;
  /** ISO date of the copy (in the truth even when witnesses are undated). */
  readonly date: string;
  /** The rates this copy was made with; null for the original. */
  readonly rates: CopyRates | null;
  readonly draft: Draft;
}

/** An extant witness as a tool gets it. */
export interface TraditionWitness {
  readonly id: string;
  /** ISO date, or null when the tradition is undated. */
  readonly date: string | null;
  /** The witness in the plain-text layout (headline, byline, date line when dated, paragraphs). */
  readonly text: string;
}

export interface Tradition {
  readonly id: string;
  /** Slug of the seed article copied. */
  readonly seed: string;
  /** Id of the original (lost or not). */
  readonly root: string;
  /** Every node, the original first, then in copying order. */
  readonly nodes: readonly TraditionNode[];
  /** The extant witnesses, in id order. */
  readonly witnesses: readonly TraditionWitness[];
  /** The true tree: every node (lost ones too) → its parent, null for the original. */
  readonly parent: ReadonlyMap<string, string | null>;
}

/** Small words a copyist slips in. */
const ADDITIONS = [
  'also',
  'then',
  'the',
  'and',
  'still',
  'all',
  'now',
  'so',
  'indeed',
  'there',
] as const;

/** Splits a token into leading punctuation, the word, and trailing punctuation. */
function parts(token: string): [string, string, string] {
  const m = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u.exec(token)!;
  return [m[1]!, m[2]!, m[3]!];
}

/**
 * Copies one line of text word by word at `rates`: each word may be
 * substituted, left out, swapped with the next, or followed by an added word.
 * A line is never emptied (its first word survives an omission).
 */
export function copyLine(
  line: string,
  rng: Rng,
  rates: CopyRates,
  wn: WordNet,
  vocabulary: readonly string[],
): string {
  const words = line.split(/\s+/).filter((w) => w !== '');
  const out: string[] = [];
  let moved = false;
  for (let i = 0; i < words.length; i++) {
    let w = words[i]!;
    if (chance(rng, rates.omit) && !(out.length === 0 && i === words.length - 1)) continue;
    if (chance(rng, rates.substitute)) {
      const [pre, core, post] = parts(w);
      if (/^\p{L}{3,}$/u.test(core)) {
        const synonyms = spinCandidates(wn, core.toLowerCase());
        const to = synonyms.length > 0 ? pick(rng, synonyms) : pick(rng, vocabulary);
        w = pre + matchCase(core, to) + post;
      }
    }
    // A word just moved one place on is not moved again.
    const swap: boolean = !moved && i + 1 < words.length && chance(rng, rates.transpose);
    moved = swap;
    if (swap) {
      // Swap the words, leaving the punctuation where it stood.
      const [pa, ca, qa] = parts(w);
      const [pb, cb, qb] = parts(words[i + 1]!);
      out.push(pa + cb + qa);
      words[i + 1] = pb + ca + qb;
    } else {
      out.push(w);
    }
    if (chance(rng, rates.add)) out.push(pick(rng, ADDITIONS));
  }
  return out.join(' ');
}

/** A copy of a draft at `rates` (headline and every paragraph). */
function copyDraft(
  d: Draft,
  rng: Rng,
  rates: CopyRates,
  wn: WordNet,
  vocabulary: readonly string[],
): Draft {
  const line = (t: string) => copyLine(t, rng, rates, wn, vocabulary);
  return { ...d, headline: line(d.headline), paragraphs: d.paragraphs.map(line) };
}

/** The draft in the plain-text layout, with or without its date line. */
function witnessText(d: Draft, dated: boolean): string {
  const head = dated
    ? `${d.headline}\nBy ${d.byline}\n${longDate(d.date)}`
    : `${d.headline}\nBy ${d.byline}`;
  return `${head}\n\n${d.paragraphs.join('\n\n')}\n`;
}

/**
 * Generates one tradition.
 * @throws Error when `copies` is not a whole number ≥ 1, or a rate is outside [0, 1].
 */
export function generateTradition(opts: TraditionOptions): Tradition {
  const copies = opts.copies ?? 12;
  if (!Number.isInteger(copies) || copies < 1) throw new Error('copies must be a whole number ≥ 1');
  const mean = opts.rates ?? DEFAULT_COPY_RATES;
  for (const [k, v] of Object.entries(mean)) {
    if (!(v >= 0 && v <= 1)) throw new Error(`rates.${k} must be in [0, 1]`);
  }
  const rng = seededRandom(opts.seed >>> 0);
  const article = opts.article ?? pick(rng, loadSeedArticles());
  const wn = opts.wordnet ?? loadWordNet();
  const prefix = opts.id ?? 't';
  const dated = opts.dated ?? true;
  const vocabulary = [...new Set(article.paragraphs.join(' ').match(/\p{L}{4,}/gu) ?? [])].sort();

  // Tree: copy k (1-based) is made from one of nodes 0..k-1.
  const parentIdx: (number | null)[] = [null];
  for (let k = 1; k <= copies; k++) parentIdx.push(between(rng, 0, k - 1));
  const children = parentIdx.map((_, k) => parentIdx.filter((p) => p === k).length);

  // Texts and dates, in copying order (a parent is always made before its children).
  const drafts: Draft[] = [
    {
      headline: article.headline,
      byline: article.byline,
      date: article.date,
      paragraphs: article.paragraphs,
    },
  ];
  const rates: (CopyRates | null)[] = [null];
  for (let k = 1; k <= copies; k++) {
    const parent = drafts[parentIdx[k]!]!;
    const own: CopyRates = {
      substitute: Math.min(1, mean.substitute * (0.5 + rng())),
      omit: Math.min(1, mean.omit * (0.5 + rng())),
      transpose: Math.min(1, mean.transpose * (0.5 + rng())),
      add: Math.min(1, mean.add * (0.5 + rng())),
    };
    rates.push(own);
    const copy = copyDraft(parent, rng, own, wn, vocabulary);
    drafts.push({ ...copy, date: addDays(parent.date, between(rng, 1, 30)) });
  }

  // Losses: the root with its own probability, branching nodes with lostRate; leaves survive.
  const lostRate = opts.lostRate ?? 0.4;
  const lost = parentIdx.map((_, k) =>
    k === 0
      ? chance(rng, opts.rootLostRate ?? 0.5) && children[0]! >= 2
      : children[k]! >= 2 && chance(rng, lostRate),
  );

  // Neutral ids in shuffled order, so an id says nothing about a node's place.
  const extantIdx = parentIdx.map((_, k) => k).filter((k) => !lost[k]);
  const lostIdx = parentIdx.map((_, k) => k).filter((k) => lost[k]);
  const ids: string[] = [];
  shuffled(rng, extantIdx).forEach(
    (k, n) => (ids[k] = `${prefix}-w${String(n + 1).padStart(2, '0')}`),
  );
  shuffled(rng, lostIdx).forEach((k, n) => (ids[k] = `${prefix}-lost${n + 1}`));

  const nodes: TraditionNode[] = drafts.map((draft, k) => ({
    id: ids[k]!,
    parent: parentIdx[k] === null ? null : ids[parentIdx[k]!]!,
    extant: !lost[k],
    date: draft.date,
    rates: rates[k]!,
    draft,
  }));
  const witnesses = nodes
    .filter((n) => n.extant)
    .map((n) => ({
      id: n.id,
      date: dated ? n.draft.date : null,
      text: witnessText(n.draft, dated),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    id: prefix,
    seed: article.slug,
    root: ids[0]!,
    nodes,
    witnesses,
    parent: new Map(nodes.map((n) => [n.id, n.parent])),
  };
}
