/**
 * Multilingual synthetic text reuse in the METER / COUNTER style: labelled
 * (source, candidate) pairs made from real articles in any language, for
 * measuring how much copying Stemma finds where its encoder knows no words.
 *
 * Input: articles with an id, a language tag and the ids of other outlets'
 * articles on the same event (e.g. SemEval-2022 Task 8 pairs with Overall ≤ 2).
 * Every source article with at least one same-event article and at least
 * `minSentences` sentences yields up to three pairs:
 *
 * - **wholly derived**: the source copied with light edits. Up to 15% of
 *   its sentences dropped (never the first), one or two sentences trimmed
 *   (their last words cut), a short span of the article's own words
 *   inserted into one sentence, two neighbouring paragraphs (or body
 *   sentences, for a one-paragraph article) swapped, and, half the time, a
 *   new lead sentence taken from the same-event article (its first
 *   sentence, at most 30 words).
 * - **partially derived**: about half of the source's sentences kept (a
 *   third of those trimmed); each of the others rewritten by shuffling its
 *   words and dropping a fifth of them, dropped, or replaced by a sentence
 *   spliced in from the same-event article (cut to the length of the
 *   sentence it replaces, at least 8 words); kept sentences may swap places
 *   with their neighbours.
 * - **not derived**: the same-event article of another outlet as it is: a
 *   negative that shares the topic but not the text. Each unordered pair of
 *   articles is used once.
 *
 * Besides these, `rewriteWholly` makes a **rewritten whole copy** (wholly
 * derived in METER's sense: the source is its only source, however much it
 * is rewritten; journalists rewrite agency copy), without a thesaurus:
 * within each paragraph neighbouring sentences swapped (a fifth of them),
 * merged (a fifth) or split at a middle comma or word (a third of those
 * over 16 words); in a third of the sentences a clause moved (the words
 * after the middle comma, or the second half, put first); a third of the
 * frequent words dropped and another third replaced by other frequent words
 * of the language (`frequentWords`: the most frequent words of the
 * language's other articles, no word list), all other words (numbers,
 * names, rare words) kept. Not made by `reuseCorpus`, so its pairs are the
 * same as before; the extent model's training rows use it.
 *
 * Only language-agnostic operations: sentences come from Intl.Segmenter in
 * the article's language, cut again after terminal punctuation of any script
 * (. ! ? … ؟ ۔ 。 ！ ？) followed by a space, with fragments of fewer than
 * three words joined to their neighbour; words are runs between white space.
 * No word lists of any language.
 *
 * Pure and seeded: the same articles and seed give the same pairs, byte for
 * byte; each source article draws from its own generator seeded from
 * (seed, article id), so adding articles does not change the others' pairs.
 */

import { fnv1a, seededRandom } from '@stemma/core';
import { between, chance, pick, shuffled, type Rng } from './text.js';

/** One real article the generator may copy from. */
export interface ReuseArticle {
  readonly id: string;
  /** BCP 47 language tag, e.g. "ar", "de". */
  readonly lang: string;
  readonly text: string;
  /** Ids of other outlets' articles on the same event (in the same language). */
  readonly sameEvent: readonly string[];
}

export type ReuseLabel = 'wholly' | 'partially' | 'not';

export const REUSE_LABELS: readonly ReuseLabel[] = ['wholly', 'partially', 'not'];

/** A labelled pair: `source` and a candidate that derives from it wholly, partly or not at all. */
export interface ReusePair {
  /** `<source id>:<label>`. */
  readonly id: string;
  readonly lang: string;
  readonly label: ReuseLabel;
  /** Id of the source article; its text is `sourceText`. */
  readonly source: string;
  readonly sourceText: string;
  readonly candidateText: string;
  /**
   * Every real article whose text is in the pair (source, same-event donor):
   * two pairs sharing one of these must not be in one corpus.
   */
  readonly articles: readonly string[];
  /** The operations applied, in words (for error reports). */
  readonly operations: readonly string[];
}

export interface ReuseOptions {
  readonly articles: readonly ReuseArticle[];
  readonly seed: number;
  /** Source articles need at least this many sentences (default 4). */
  readonly minSentences?: number;
  /** Labels to make per source article (default all three). */
  readonly labels?: readonly ReuseLabel[];
}

const TERMINAL = /(?<=[.!?…؟۔。！？]["'»”’)]?)\s+(?=\S)/u;
const MIN_WORDS = 3;

/**
 * Sentences of a paragraph in any script: Intl.Segmenter for the language,
 * then a cut after terminal punctuation (Latin, Arabic ؟ ۔, CJK 。！？)
 * followed by a space; fragments under three words join their neighbour.
 */
export function reuseSentences(paragraph: string, lang: string): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity: 'sentence' });
  } catch {
    segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });
  }
  const pieces = [...segmenter.segment(paragraph)]
    .flatMap((s) => s.segment.split(TERMINAL))
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: string[] = [];
  for (const p of pieces) {
    const prev = out[out.length - 1];
    if (prev !== undefined && (words(p).length < MIN_WORDS || words(prev).length < MIN_WORDS)) {
      out[out.length - 1] = `${prev} ${p}`;
    } else out.push(p);
  }
  return out;
}

/** Paragraphs (split at line breaks) as lists of sentences; empty ones left out. */
export function reuseParagraphs(text: string, lang: string): string[][] {
  return text
    .split(/\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => reuseSentences(p, lang))
    .filter((p) => p.length > 0);
}

function words(s: string): string[] {
  return s.split(/\s+/).filter((w) => w !== '');
}

function render(paragraphs: readonly (readonly string[])[]): string {
  return `${paragraphs
    .filter((p) => p.length > 0)
    .map((p) => p.join(' '))
    .join('\n\n')}\n`;
}

const END_MARK = /[.!?…؟۔。！？]+["'»”’)]?$/u;

/** The sentence's closing punctuation ("" when it has none), kept by every rewrite so sentences stay apart. */
function endMark(sentence: string): string {
  return END_MARK.exec(sentence)?.[0] ?? '';
}

/** The sentence without its last 20–40% of words (at least three words stay), closing mark kept. */
function trim(rng: Rng, sentence: string): string {
  const w = words(sentence);
  if (w.length < 6) return sentence;
  const keep = Math.max(3, Math.round(w.length * (0.6 + 0.2 * rng())));
  return `${w
    .slice(0, keep)
    .join(' ')
    .replace(/[\p{P}]+$/u, '')}${endMark(sentence)}`;
}

/** Words shuffled and a fifth of them dropped: the same vocabulary, none of the phrasing. */
function scramble(rng: Rng, sentence: string): string {
  const w = shuffled(rng, words(sentence.replace(END_MARK, '')));
  const drop = Math.floor(w.length / 5);
  for (let i = 0; i < drop; i++) w.splice(Math.floor(rng() * w.length), 1);
  return `${w.join(' ').replace(/[\p{P}]+$/u, '')}${endMark(sentence)}`;
}

/** At most `max` words of a sentence (a donor's text may run on without sentence breaks). */
function clip(sentence: string, max: number): string {
  const w = words(sentence);
  return w.length <= max
    ? sentence
    : `${w
        .slice(0, max)
        .join(' ')
        .replace(/[\p{P}]+$/u, '')}.`;
}

/** A sentence with 2–4 words from elsewhere in the article inserted at a random place. */
function insertSpan(rng: Rng, sentence: string, pool: readonly string[]): string {
  const w = words(sentence);
  const from = words(pick(rng, pool));
  if (from.length < 2 || w.length < 2) return sentence;
  const len = Math.min(from.length, between(rng, 2, 4));
  const at = between(rng, 0, from.length - len);
  const pos = between(rng, 1, w.length - 1);
  // Without their punctuation, so the inserted words do not end a sentence.
  const span = from.slice(at, at + len).map((x) => x.replace(/[\p{P}]+$/u, ''));
  w.splice(pos, 0, ...span.filter((x) => x !== ''));
  return w.join(' ');
}

interface Located {
  readonly paragraph: number;
  readonly text: string;
}

function wholly(
  rng: Rng,
  source: string[][],
  donor: readonly string[],
): { paragraphs: string[][]; ops: string[] } {
  const ops: string[] = [];
  const flat: Located[] = source.flatMap((p, i) => p.map((text) => ({ paragraph: i, text })));
  const n = flat.length;
  // Drop up to 15% of the sentences, never the first.
  const dropCount = Math.min(
    Math.floor(n * 0.15),
    between(rng, 0, Math.max(0, Math.floor(n * 0.15))),
  );
  const dropped = new Set(shuffled(rng, [...Array(n).keys()].slice(1)).slice(0, dropCount));
  if (dropCount) ops.push(`dropped ${dropCount} of ${n} sentences`);
  const kept = flat.map((s, i) => ({ ...s, index: i })).filter((s) => !dropped.has(s.index));
  // Trim one or two sentences.
  const trims = between(rng, 1, 2);
  for (const k of shuffled(rng, [...kept.keys()]).slice(0, trims)) {
    kept[k] = { ...kept[k]!, text: trim(rng, kept[k]!.text) };
  }
  ops.push(`trimmed ${trims} sentence(s)`);
  // Insert a short span of the article's own words.
  const k = between(rng, 0, kept.length - 1);
  kept[k] = {
    ...kept[k]!,
    text: insertSpan(
      rng,
      kept[k]!.text,
      flat.map((s) => s.text),
    ),
  };
  ops.push('inserted a few words');
  // Reorder: swap two neighbouring paragraphs, or two body sentences.
  const paragraphs: string[][] = source.map(() => []);
  for (const s of kept) paragraphs[s.paragraph]!.push(s.text);
  const nonEmpty = paragraphs.filter((p) => p.length > 0);
  if (nonEmpty.length >= 3) {
    const i = between(rng, 1, nonEmpty.length - 2);
    [nonEmpty[i], nonEmpty[i + 1]] = [nonEmpty[i + 1]!, nonEmpty[i]!];
    ops.push('swapped two paragraphs');
  } else {
    const body = nonEmpty[nonEmpty.length - 1]!;
    if (body.length >= 3) {
      const i = between(rng, 1, body.length - 2);
      [body[i], body[i + 1]] = [body[i + 1]!, body[i]!];
      ops.push('swapped two sentences');
    }
  }
  if (chance(rng, 0.5) && donor.length > 0) {
    nonEmpty.unshift([clip(donor[0]!, 30)]);
    ops.push('new lead sentence from the same-event article');
  }
  return { paragraphs: nonEmpty, ops };
}

function partially(
  rng: Rng,
  source: string[][],
  donor: readonly string[],
): { paragraphs: string[][]; ops: string[] } {
  const flat: Located[] = source.flatMap((p, i) => p.map((text) => ({ paragraph: i, text })));
  const n = flat.length;
  // Keep 40–60% of the sentences (at least two, at most n − 2).
  const keepCount = Math.min(n - 2, Math.max(2, Math.round(n * (0.4 + 0.2 * rng()))));
  const keep = new Set(shuffled(rng, [...Array(n).keys()]).slice(0, keepCount));
  const counts = { kept: keepCount, trimmed: 0, scrambled: 0, dropped: 0, spliced: 0 };
  const donorPool = shuffled(rng, donor);
  const out: Located[] = [];
  for (const [i, s] of flat.entries()) {
    if (keep.has(i)) {
      const light = chance(rng, 1 / 3);
      if (light) counts.trimmed++;
      out.push(light ? { ...s, text: trim(rng, s.text) } : s);
      continue;
    }
    const r = rng();
    if (r < 1 / 3) {
      counts.scrambled++;
      out.push({ ...s, text: scramble(rng, s.text) });
    } else if (r < 2 / 3 || donorPool.length === 0) {
      counts.dropped++;
    } else {
      counts.spliced++;
      out.push({ ...s, text: clip(donorPool.shift()!, Math.max(8, words(s.text).length)) });
    }
  }
  // Swap a few neighbours.
  let swaps = 0;
  for (let i = 0; i + 1 < out.length; i++) {
    if (out[i]!.paragraph === out[i + 1]!.paragraph && chance(rng, 0.2)) {
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      swaps++;
      i++;
    }
  }
  const paragraphs: string[][] = source.map(() => []);
  for (const s of out) paragraphs[s.paragraph]!.push(s.text);
  const ops = [
    `kept ${counts.kept} of ${n} sentences (${counts.trimmed} trimmed)`,
    `scrambled ${counts.scrambled}, dropped ${counts.dropped}, spliced ${counts.spliced} from the same-event article`,
    `swapped ${swaps} neighbour pair(s)`,
  ];
  return { paragraphs: paragraphs.filter((p) => p.length > 0), ops };
}

/**
 * Labelled reuse pairs from real articles (see the file's header for the
 * three constructions). Articles are taken in the order given; sources
 * without a same-event article or with fewer than `minSentences` sentences
 * are skipped.
 * @throws Error when an article's same-event id names no given article.
 */
export function reuseCorpus(opts: ReuseOptions): ReusePair[] {
  const byId = new Map(opts.articles.map((a) => [a.id, a]));
  const minSentences = opts.minSentences ?? 4;
  const labels = opts.labels ?? REUSE_LABELS;
  const usedNegatives = new Set<string>();
  const out: ReusePair[] = [];
  for (const a of opts.articles) {
    if (a.sameEvent.length === 0) continue;
    const paragraphs = reuseParagraphs(a.text, a.lang);
    if (paragraphs.flat().length < minSentences) continue;
    const rng = seededRandom((Math.imul(opts.seed, 0x9e3779b1) ^ fnv1a(a.id)) >>> 0);
    const partnerId = pick(rng, [...a.sameEvent].sort());
    const partner = byId.get(partnerId);
    if (partner === undefined)
      throw new Error(`article ${a.id}: same-event article ${partnerId} is not given`);
    const donor = reuseParagraphs(partner.text, partner.lang).flat();
    for (const label of labels) {
      const base = {
        id: `${a.id}:${label}`,
        lang: a.lang,
        label,
        source: a.id,
        sourceText: render(paragraphs),
      };
      if (label === 'not') {
        const key = [a.id, partner.id].sort().join('\u0000');
        if (usedNegatives.has(key)) continue;
        usedNegatives.add(key);
        out.push({
          ...base,
          candidateText: render(reuseParagraphs(partner.text, partner.lang)),
          articles: [a.id, partner.id],
          operations: [`same-event article ${partner.id}`],
        });
        continue;
      }
      const made =
        label === 'wholly' ? wholly(rng, paragraphs, donor) : partially(rng, paragraphs, donor);
      out.push({
        ...base,
        candidateText: render(made.paragraphs),
        articles: [a.id, partner.id],
        operations: made.ops,
      });
    }
  }
  return out;
}

/** A word without its surrounding punctuation, lower-cased: how frequent words are counted. */
function bare(w: string): string {
  return w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, '').toLowerCase();
}

/**
 * The `count` most frequent words (bare, lower-cased) of texts in one
 * language: function-like words found by counting, not listed.
 */
export function frequentWords(texts: readonly string[], count = 100): string[] {
  const freq = new Map<string, number>();
  for (const t of texts)
    for (const w of words(t)) {
      const b = bare(w);
      if (b !== '' && !/\p{N}/u.test(b)) freq.set(b, (freq.get(b) ?? 0) + 1);
    }
  return [...freq]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, count)
    .map(([w]) => w);
}

/** A clause moved: the words after the middle comma (or the second half) put first. */
function rotate(rng: Rng, sentence: string): string {
  const w = words(sentence.replace(END_MARK, ''));
  if (w.length < 6) return sentence;
  const commas = w.map((x, i) => (x.endsWith(',') && i > 1 && i < w.length - 2 ? i + 1 : -1));
  const at = commas.filter((i) => i > 0);
  const cut = at.length ? pick(rng, at) : Math.floor(w.length / 2);
  const head = w.slice(0, cut).map((x) => x.replace(/,$/u, ''));
  const tail = w.slice(cut).map((x) => x.replace(/,$/u, ''));
  return `${[...tail, ...head].join(' ').replace(/[\p{P}]+$/u, '')}${endMark(sentence) || '.'}`;
}

/** A third of the frequent words dropped, another third replaced by other frequent words. */
function refunction(
  rng: Rng,
  sentence: string,
  frequent: ReadonlySet<string>,
  pool: readonly string[],
): string {
  const mark = endMark(sentence);
  const out: string[] = [];
  const w = words(sentence.replace(END_MARK, ''));
  for (const [i, x] of w.entries()) {
    if (i === 0 || !frequent.has(bare(x))) {
      out.push(x);
      continue;
    }
    const r = rng();
    if (r < 1 / 3) continue;
    out.push(r < 2 / 3 ? x : pick(rng, pool));
  }
  return `${out.join(' ').replace(/[\p{P}]+$/u, '')}${mark || '.'}`;
}

/** Split at a middle comma or word (both halves at least four words). */
function split(rng: Rng, sentence: string): string[] {
  const w = words(sentence);
  const commas = w
    .map((x, i) => (x.endsWith(',') && i >= 3 && i < w.length - 4 ? i + 1 : -1))
    .filter((i) => i > 0);
  const cut = commas.length ? pick(rng, commas) : between(rng, 4, w.length - 4);
  return [
    `${w
      .slice(0, cut)
      .join(' ')
      .replace(/[\p{P}]+$/u, '')}.`,
    w.slice(cut).join(' '),
  ];
}

/**
 * A rewritten whole copy of `text` (the file's header): the same content,
 * other phrasing, no thesaurus. Seeded and pure.
 */
export function rewriteWholly(
  text: string,
  lang: string,
  seed: number,
  frequent: readonly string[],
): { text: string; operations: string[] } {
  const rng = seededRandom(seed >>> 0);
  const frequentSet = new Set(frequent);
  const counts = { swapped: 0, merged: 0, split: 0, rotated: 0 };
  const paragraphs = reuseParagraphs(text, lang).map((p) => {
    const s = [...p];
    for (let i = 0; i + 1 < s.length; i++) {
      const r = rng();
      if (r < 0.2) {
        [s[i], s[i + 1]] = [s[i + 1]!, s[i]!];
        counts.swapped++;
        i++;
      } else if (r < 0.4) {
        s.splice(i, 2, `${s[i]!.replace(END_MARK, '')}, ${s[i + 1]!}`);
        counts.merged++;
      }
    }
    return s.flatMap((x) => {
      let y = x;
      if (chance(rng, 1 / 3)) {
        y = rotate(rng, y);
        counts.rotated++;
      }
      y = frequent.length ? refunction(rng, y, frequentSet, frequent) : y;
      if (words(y).length > 16 && chance(rng, 1 / 3)) {
        counts.split++;
        return split(rng, y);
      }
      return [y];
    });
  });
  return {
    text: render(paragraphs),
    operations: [
      `swapped ${counts.swapped}, merged ${counts.merged}, split ${counts.split} sentence(s); moved a clause in ${counts.rotated}`,
      'a third of the frequent words dropped, a third replaced by other frequent words',
    ],
  };
}
