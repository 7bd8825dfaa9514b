/**
 * A journalist's paraphrase, by rules: sentences and clauses reworded and
 * restructured (attribution moved, "X said Y" → "According to X, Y", time
 * phrases fronted, sentences split at ", and", neighbours joined), set
 * phrases and words swapped for a synonym from their most frequent WordNet
 * sense (the right sense, unlike a spinner), some paragraphs dropped or
 * merged — and every quotation kept exactly. Applying it to its own output
 * gives a paraphrase of a paraphrase.
 */

import { isStopword } from '../text/stopwords.js';
import type { Draft } from './article.js';
import {
  between,
  capitalize,
  chance,
  mapOutsideQuotes,
  matchCase,
  pick,
  quotationsOf,
  splitSentences,
  type Rng,
} from './text.js';
import { inflect, lemmatize, loadWordNet, type Inflection, type WordNet } from './wordnet.js';

export interface ParaphraseOptions {
  /** Capitalised words never changed (the event's names). */
  readonly protect: ReadonlySet<string>;
  /** Probability of replacing a content word outside quotations with a same-sense synonym (default 0.3). */
  readonly wordRate?: number;
  /** How many paragraphs (after the first) to drop: [min, max] (default [0, 2]). */
  readonly drop?: readonly [number, number];
  readonly wordnet?: WordNet;
}

/** Meaning-keeping rewordings a reporter reaches for; applied one way, each with some probability. */
const PHRASES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\bmore than\b/g, ['over', 'upwards of']],
  [/\babout (?=\d)/g, ['around ', 'some ', 'roughly ']],
  [/\bat least\b/g, ['no fewer than', 'a minimum of']],
  [/\bbecause\b(?! of)/g, ['as', 'since']],
  [/\bbefore\b/g, ['ahead of', 'prior to']],
  [/\bafter\b/g, ['following', 'in the wake of']],
  [/\bnearly\b/g, ['almost', 'close to']],
  [/\balmost\b/g, ['nearly', 'all but']],
  [/\bbegan\b/g, ['started']],
  [/\bmany\b/g, ['a lot of', 'numerous']],
  [/\bseveral\b/g, ['a number of']],
  [/\bannounced\b/g, ['unveiled', 'made public']],
  [/\bwarned\b/g, ['cautioned']],
  [/\bsaid\b/g, ['said', 'stated', 'noted']],
  [/\bhad been\b/g, ['was']],
  [/\bon Monday\b/g, ['on Monday', 'Monday']],
  [/\bwould\b/g, ['would', 'was going to']],
  [/\bapproximately\b/g, ['about']],
  [/\bshortly\b/g, ['soon']],
  [/\bstill\b/g, ['yet', 'still']],
  [/\balso\b/g, ['as well', 'in addition']],
];

function rephrase(text: string, rng: Rng): string {
  let t = text;
  for (const [re, alts] of PHRASES) {
    t = t.replace(re, (m: string) => (chance(rng, 0.6) ? matchCase(m, pick(rng, alts)) : m));
  }
  return t;
}

const WORD = /[A-Za-z]+(?:'[A-Za-z]+)*/g;

/**
 * A same-sense synonym: only for a word WordNet reads one way (one part of
 * speech), taken from its most frequent sense, and only a word whose own most
 * frequent sense is that same one — so "investigators" does not become
 * "researchers" of another kind, nor "main" the sea.
 */
function sameSenseSynonyms(wn: WordNet, lower: string): { readonly words: string[]; readonly inflection: Inflection } | null {
  const readings = lemmatize(wn, lower);
  if (readings.length !== 1) return null;
  const r = readings[0]!;
  const first = wn.senses(r.lemma, r.pos)[0];
  if (first === undefined) return null;
  const words = first.filter((w) => {
    if (w.includes('-') || w.length < 3) return false;
    const back = wn.senses(w, r.pos)[0];
    return back !== undefined && back.includes(r.lemma);
  });
  return words.length === 0 ? null : { words, inflection: r.inflection };
}

/** Replaces content words with a same-sense synonym. */
function resynonym(text: string, rng: Rng, wn: WordNet, rate: number, protect: ReadonlySet<string>): string {
  return text.replace(WORD, (word: string, start: number) => {
    if (word.length < 4 || isStopword(word) || word.includes("'")) return word;
    if (/^[A-Z]/.test(word) && (protect.has(word) || start > 0)) return word;
    if (!chance(rng, rate)) return word;
    const syn = sameSenseSynonyms(wn, word.toLowerCase());
    if (syn === null) return word;
    return matchCase(word, inflect(pick(rng, syn.words), syn.inflection));
  });
}

/** Lower-cases a sentence's first word when it is no name (for moving it inside a sentence). */
function lowerFirst(s: string, protect: ReadonlySet<string>, wn: WordNet): string {
  const first = /^[A-Z][a-z]*/.exec(s)?.[0];
  if (first === undefined || protect.has(first)) return s;
  if (isStopword(first) || lemmatize(wn, first.toLowerCase()).length > 0) return s[0]!.toLowerCase() + s.slice(1);
  return s;
}

const NAME = "[A-Z][\\w'-]*(?: [A-Z][\\w'-]*){0,3}";

/** Rewrites the attribution after a closing quotation mark: `" said X, role.` ↔ `" X, role, said.`. */
function moveAttribution(outside: string, rng: Rng): string {
  const said = new RegExp(`^(["\\u201D]) said (${NAME})((?:, [^."\\u201C]+)?)\\.(.*)$`, 's').exec(outside);
  if (said !== null && chance(rng, 0.7)) {
    const [, q, name, role, tail] = said;
    const verb = pick(rng, ['said', 'said', 'added', 'explained']);
    return `${q!} ${name!}${role === '' ? '' : `${role!},`} ${verb}.${tail!}`;
  }
  const named = new RegExp(`^(["\\u201D]) (${NAME}|he|she) (said|told reporters)\\.(.*)$`, 's').exec(outside);
  if (named !== null && chance(rng, 0.7)) {
    const [, q, name, , tail] = named;
    if (name === 'he' || name === 'she') return `${q!} ${name} ${pick(rng, ['added', 'went on', 'said'])}.${tail!}`;
    return `${q!} ${pick(rng, ['said', 'added'])} ${name!}.${tail!}`;
  }
  return outside;
}

const TIME_TAIL =
  /^([A-Z][^"\u201C]*?),? ((?:late |early )?(?:on|in|by|during|within|shortly after|since) [A-Za-z0-9' ]{3,30}?)\.$/;

/** Restructures a sentence without quotations; may return two sentences. */
function restructure(sentence: string, rng: Rng, low: (s: string) => string): string {
  const said = /^((?:The |A |An )?[A-Z]?[a-z]*(?: [A-Za-z'-]+){0,5}) said (?:that )?([a-z].*)\.$/.exec(sentence);
  if (said !== null && !said[1]!.includes(',') && chance(rng, 0.6)) {
    const who = said[1]!;
    const what = said[2]!;
    return chance(rng, 0.5)
      ? `According to ${low(who)}, ${what}.`
      : `${capitalize(what)}, ${low(who)} said.`;
  }
  const time = TIME_TAIL.exec(sentence);
  if (time !== null && chance(rng, 0.5)) {
    return `${capitalize(time[2]!)}, ${low(time[1]!)}.`;
  }
  const and = /^(.{30,}?), and ([a-z].{20,})$/.exec(sentence);
  if (and !== null && chance(rng, 0.6)) {
    return `${and[1]!}. ${capitalize(and[2]!)}`;
  }
  return sentence;
}

function paraphraseParagraph(p: string, rng: Rng, wn: WordNet, opts: ParaphraseOptions): string {
  const rate = opts.wordRate ?? 0.3;
  const low = (s: string): string => lowerFirst(s, opts.protect, wn);
  const sentences = splitSentences(p).map((s) => {
    const hasQuote = quotationsOf(s).length > 0 || /["\u201C\u201D]/.test(s);
    let t = hasQuote ? mapOutsideQuotes(s, (o) => moveAttribution(o, rng)) : restructure(s, rng, low);
    t = mapOutsideQuotes(t, (o) => resynonym(rephrase(o, rng), rng, wn, rate, opts.protect));
    return t;
  });
  // Join two short neighbours without quotations now and then.
  const out: string[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      !/["\u201C\u201D]/.test(prev + s) &&
      prev.length + s.length < 220 &&
      prev.endsWith('.') &&
      chance(rng, 0.35)
    ) {
      out[out.length - 1] = `${prev.slice(0, -1)}, while ${low(s)}`;
    } else out.push(s);
  }
  return out.join(' ');
}

/**
 * Paraphrases a draft: drops some paragraphs (never the first), merges one
 * neighbouring pair now and then, and rewords every paragraph and the
 * headline. Quotations are left exactly as they were.
 */
export function paraphraseDraft(draft: Draft, rng: Rng, opts: ParaphraseOptions): Draft {
  const wn = opts.wordnet ?? loadWordNet();
  const [lo, hi] = opts.drop ?? [0, 2];
  let paragraphs = [...draft.paragraphs];
  const drops = Math.min(between(rng, lo, hi), Math.max(0, paragraphs.length - 4));
  for (let i = 0; i < drops; i++) paragraphs.splice(1 + Math.floor(rng() * (paragraphs.length - 1)), 1);
  if (paragraphs.length > 4 && chance(rng, 0.5)) {
    const i = 1 + Math.floor(rng() * (paragraphs.length - 2));
    paragraphs.splice(i, 2, `${paragraphs[i]!} ${paragraphs[i + 1]!}`);
  }
  paragraphs = paragraphs.map((p) => paraphraseParagraph(p, rng, wn, opts));
  const headline = resynonym(rephrase(draft.headline, rng), rng, wn, 0.5, opts.protect);
  return { ...draft, headline, paragraphs };
}
