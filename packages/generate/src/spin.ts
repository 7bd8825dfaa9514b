/**
 * The article spinner: one pass over the text, replacing content words with a
 * WordNet synonym the way spinning tools do — from any sense of the word
 * (hence the wrong-sense choices: "light" → "illumination" for "light
 * rain"), inside quotations too, regular inflections redone by rule, names
 * and numbers kept, word order untouched.
 */

import { isStopword } from '@stemma/core';
import type { Draft } from './article.js';
import { chance, matchCase, pick, type Rng } from './text.js';
import { inflect, lemmatize, loadWordNet, type WordNet } from './wordnet.js';

export interface SpinOptions {
  /** Probability of replacing a content word that has a synonym. */
  readonly rate: number;
  /** Words (as written, capitalised) never replaced: the names of the event. */
  readonly protect: ReadonlySet<string>;
  readonly wordnet?: WordNet;
}

export interface SpinResult {
  readonly text: string;
  /** Content words seen and replaced. */
  readonly content: number;
  readonly replaced: number;
}

/** Word tokens: letters with inner apostrophes or hyphen-free compounds. */
const WORD = /[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g;

/** Number words stay as they are, like digits. */
const NUMBER_WORDS = new Set(
  `one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen
seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand
million billion first second third fourth fifth sixth seventh eighth ninth tenth dozen half`.split(
    /\s+/,
  ),
);

/** Every synonym a spinner could put for `lower` (inflected like it), in a fixed order. */
export function spinCandidates(wn: WordNet, lower: string): string[] {
  const out = new Set<string>();
  for (const reading of lemmatize(wn, lower)) {
    for (const sense of wn.senses(reading.lemma, reading.pos)) {
      for (const w of sense) {
        const form = inflect(w, reading.inflection);
        if (form !== lower && !form.includes('_')) out.add(form);
      }
    }
  }
  return [...out];
}

/** True when the token at `start` begins a sentence (so a capital says nothing about names). */
function sentenceInitial(text: string, start: number): boolean {
  const before = text.slice(0, start).replace(/["\u201C\u2018'(\s]+$/, '');
  return before === '' || /[.!?:\u2014]$/.test(before);
}

/**
 * Spins one text. Words with a synonym are replaced with probability `rate`;
 * a possessive "'s" is kept; capitalised words inside a sentence are names and stay.
 */
export function spinText(text: string, rng: Rng, opts: SpinOptions): SpinResult {
  const wn = opts.wordnet ?? loadWordNet();
  let content = 0;
  let replaced = 0;
  const out = text.replace(WORD, (token: string, start: number) => {
    const possessive = /['\u2019]s$/.test(token) ? token.slice(-2) : '';
    const word = possessive === '' ? token : token.slice(0, -2);
    if (isStopword(word) || word.length < 3 || /['\u2019]/.test(word)) return token;
    if (NUMBER_WORDS.has(word.toLowerCase())) return token;
    const capital = word[0] !== word[0]!.toLowerCase();
    if (capital && (opts.protect.has(word) || !sentenceInitial(text, start))) return token;
    content++;
    const candidates = spinCandidates(wn, word.toLowerCase());
    if (candidates.length === 0 || !chance(rng, opts.rate)) return token;
    replaced++;
    return matchCase(word, pick(rng, candidates)) + possessive;
  });
  return { text: out, content, replaced };
}

/** Spins a draft's headline and every paragraph; the result's stats cover all of them. */
export function spinDraft(
  draft: Draft,
  rng: Rng,
  opts: SpinOptions,
): { readonly draft: Draft; readonly content: number; readonly replaced: number } {
  let content = 0;
  let replaced = 0;
  const run = (t: string): string => {
    const r = spinText(t, rng, opts);
    content += r.content;
    replaced += r.replaced;
    return r.text;
  };
  const headline = run(draft.headline);
  const paragraphs = draft.paragraphs.map(run);
  return { draft: { ...draft, headline, paragraphs }, content, replaced };
}

/** The capitalised words of an event's names, for {@link SpinOptions.protect}. */
export function protectedWords(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names)
    for (const w of n.match(WORD) ?? [])
      if (/^[A-Z]/.test(w)) out.add(w.replace(/['\u2019]s$/, ''));
  return out;
}
