/**
 * A journalist's paraphrase, by rules. A reporter rewriting a wire story
 * keeps the facts, the names, the figures and every direct quotation, and
 * changes nearly everything else (compare examples/paraphrase.txt with
 * examples/original.txt: outside quotations they share about 6% of their
 * word 4-grams). So, per sentence:
 *
 * - **structure**: attribution moved ("X said Y" → "According to X, Y" /
 *   "Y, X noted"), subordinate and time clauses fronted or moved back,
 *   appositions turned round ("Tomas Reinholt, the chief engineer," → "The
 *   chief engineer, Tomas Reinholt,"), relative clauses unfolded ("X, who
 *   organised the petition, watched" → "X organised the petition and
 *   watched"), agent passives made active, sentences split at ", and" /
 *   ", but", short neighbours merged;
 * - **wording**: set phrases rewritten from a phrase table (nominalisations
 *   like "decided to" → "took the decision to" among them), most content
 *   words replaced by a same-sense synonym (see synonyms.ts), reporting verbs
 *   varied;
 * - **selection**: paragraphs dropped until 70–85% of the words are kept,
 *   one neighbouring pair merged now and then.
 *
 * Names (capitalised words inside a sentence and the event's names), numbers
 * and quotations are kept byte for byte. Applying it to its own output gives
 * a paraphrase of a paraphrase, as far from its parent as the first is from
 * the original. Everything random comes from the seeded `rng`.
 */

import { isStopword } from '@stemma/core';
import type { Draft } from './article.js';
import { fixArticles, inflectPhrase, sameSenseSynonyms } from './synonyms.js';
import {
  capitalize,
  chance,
  mapOutsideQuotes,
  matchCase,
  pick,
  shuffled,
  splitSentences,
  type Rng,
} from './text.js';
import { inflect, lemmatize, loadWordNet, type WordNet } from './wordnet.js';

export interface ParaphraseOptions {
  /** Capitalised words never changed (the event's names). */
  readonly protect: ReadonlySet<string>;
  /** Probability of replacing a content word outside quotations that has a same-sense synonym (default 0.95). */
  readonly wordRate?: number;
  /** Share of the parent's words kept by dropping paragraphs: [min, max] (default [0.72, 0.84]). */
  readonly keep?: readonly [number, number];
  readonly wordnet?: WordNet;
}

const REPORT_VERBS = ['said', 'stated', 'noted', 'explained', 'reported', 'indicated'] as const;
const REPORT_THAT = [
  'said',
  'stated',
  'noted',
  'explained',
  'pointed out',
  'indicated',
  'made clear',
] as const;

/** Set phrases and their rewordings; each applied with probability 0.75 per occurrence. */
const PHRASES: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\bmore than\b/g, ['over', 'upwards of', 'in excess of']],
  [/\babout (?=\d)/g, ['around ', 'some ', 'roughly ']],
  [/\broughly (?=\d|a )/g, ['about ', 'approximately ']],
  [/\bat least\b/g, ['no fewer than', 'a minimum of']],
  [/\bup to (?=\d)/g, ['as many as ']],
  [/\bbecause of\b/g, ['due to', 'owing to']],
  [/\bbecause\b/g, ['as', 'since']],
  [/\bbefore (?=the |a |an |\d|midnight|noon|dawn|then)/g, ['ahead of ', 'prior to ']],
  [/\bafter (?=the |a |an |\d|midnight|noon|dawn)/g, ['following ', 'in the wake of ']],
  [/\bduring\b/g, ['in the course of', 'throughout']],
  [/\bshortly before\b/g, ['just before', 'not long before']],
  [/\bshortly after\b/g, ['soon after', 'not long after']],
  [/\bdecided to\b/g, ['took the decision to', 'made the decision to']],
  [/\bplans to\b/g, ['intends to', 'has plans to']],
  [/\bplanned to\b/g, ['intended to', 'had plans to']],
  [/\bis expected to\b/g, ['is likely to', 'is due to']],
  [/\bwas expected to\b/g, ['was due to', 'was likely to']],
  [/\bare expected to\b/g, ['are likely to', 'are due to']],
  [/\bwas unable to\b/g, ['could not', 'did not manage to']],
  [/\bhas been unable to\b/g, ['has not been able to']],
  [/\bwould not\b/g, ['was not going to', 'refused to']],
  [/\bwould be\b/g, ['was to be', 'was going to be']],
  [/\bwill be\b/g, ['is set to be', 'is going to be']],
  [/\bfailed to\b/g, ['did not manage to', 'was unable to']],
  [/\bagreed to\b/g, ['accepted a proposal to', 'consented to']],
  [/\bunder way\b/g, ['ongoing', 'in progress']],
  [/\buntil further notice\b/g, ['indefinitely']],
  [/\bas well as\b/g, ['and also', 'along with']],
  [/\bsuch as\b/g, ['like', 'for example']],
  [/\ba number of\b/g, ['several', 'various']],
  [/\blast year\b/g, ['the previous year', 'a year earlier']],
  [/\bnext week\b/g, ['in the coming week', 'the following week']],
  [/\bthe end of\b/g, ['the close of', 'the final weeks of']],
  [/\bthe first time\b/g, ['the first occasion']],
  [/\bfor the first time\b/g, ['for the first time ever']],
  [/\bin the wake of\b/g, ['after', 'following']],
  [/\bdespite\b/g, ['in spite of', 'notwithstanding']],
  [/\balthough\b/g, ['even though', 'though']],
  [/\bsince (?=\d{4}\b)/g, ['from ']],
  [/\bon (?=(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)/g, ['']],
  [/\bnobody\b/g, ['no one']],
  [/\bso that\b/g, ['so']],
  [/\bin order to\b/g, ['to']],
  [/\bthere were\b/g, ['there had been']],
  [/\bas a result\b/g, ['consequently']],
  [/\bhad been\b/g, ['was', 'had been']],
  [/\bhas been\b/g, ['was', 'has now been']],
  [/\bhave been\b/g, ['were', 'have now been']],
  [/\bwas still\b/g, ['remained']],
  [/\bwere still\b/g, ['remained']],
  [/\bthe same\b/g, ['the identical']],
  [/\bmost of\b/g, ['the majority of']],
  [/\ball of\b/g, ['every one of']],
];

function rephrase(text: string, rng: Rng): string {
  let t = text;
  for (const [re, alts] of PHRASES) {
    t = t.replace(re, (m: string) => (chance(rng, 0.75) ? matchCase(m, pick(rng, alts)) : m));
  }
  return t;
}

const TOKEN = /[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g;

/** True when the token at `start` begins a sentence (so its capital says nothing about names). */
function sentenceInitial(text: string, start: number): boolean {
  const before = text.slice(0, start).replace(/["\u201C\u2018'(\s]+$/, '');
  return before === '' || /[.!?:\u2014]$/.test(before);
}

/**
 * Replaces content words with a same-sense synonym. Names (capitalised
 * inside a sentence, or protected), words joined by a hyphen or a digit, and
 * "said"-like reporting verbs are left to the other rules.
 */
function resynonym(
  text: string,
  rng: Rng,
  wn: WordNet,
  rate: number,
  protect: ReadonlySet<string>,
): string {
  return text.replace(TOKEN, (token: string, start: number) => {
    const possessive = /['\u2019]s$/.test(token) ? token.slice(-2) : '';
    const word = possessive === '' ? token : token.slice(0, -2);
    if (/['\u2019]/.test(word) || word.length < 3) return token;
    const prevChar = text[start - 1] ?? '';
    const nextChar = text[start + token.length] ?? '';
    if (/[-\d\u2013]/.test(prevChar) || /[-\d\u2013]/.test(nextChar)) return token;
    const capital = word[0] !== word[0]!.toLowerCase();
    if (capital && (protect.has(word) || !sentenceInitial(text, start))) return token;
    if (word.length > 1 && word === word.toUpperCase()) return token;
    if (!chance(rng, rate)) return token;
    const before = (/([A-Za-z]+)[^A-Za-z]*$/.exec(text.slice(0, start))?.[1] ?? '').toLowerCase();
    const syn = sameSenseSynonyms(
      wn,
      word.toLowerCase(),
      sentenceInitial(text, start) ? '' : before,
    );
    if (syn === null) return token;
    const choice = inflectPhrase(pick(rng, syn.words), syn.inflection, syn.pos);
    return matchCase(word, choice) + possessive;
  });
}

/** Lower-cases a sentence's first word when it is no name (for moving it inside a sentence). */
function lowerFirst(s: string, protect: ReadonlySet<string>, wn: WordNet): string {
  const m = /^([A-Z][a-z]*)(\s+\S)?/.exec(s);
  if (m === null || protect.has(m[1]!)) return s;
  // "Mayor Odile Brannock", "Coast guard divers": a title before a name stays.
  if (m[2] !== undefined && /[A-Z]/.test(m[2].trim())) return s;
  const first = m[1]!.toLowerCase();
  if (first === 'i') return s;
  if (
    isStopword(first) ||
    ['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those'].includes(
      first,
    ) ||
    lemmatize(wn, first).length > 0
  ) {
    return s[0]!.toLowerCase() + s.slice(1);
  }
  return s;
}

const NAME = "[A-Z][\\w'\u2019-]*(?: [A-Z][\\w'\u2019-]*){0,3}";

/** Rewrites the attribution after a closing quotation mark: `" said X, role.` ↔ `" X, role, said.`. */
function moveAttribution(outside: string, rng: Rng): string {
  const said = new RegExp(`^(["\\u201D]) said (${NAME})((?:, [^."\\u201C]+)?)\\.(.*)$`, 's').exec(
    outside,
  );
  if (said !== null && chance(rng, 0.8)) {
    const [, q, name, role, tail] = said;
    const verb = pick(rng, ['said', 'added', 'explained', 'stressed', 'insisted']);
    return `${q!} ${name!}${role === '' ? '' : `${role!},`} ${verb}.${tail!}`;
  }
  const named = new RegExp(
    `^(["\\u201D]) (${NAME}|he|she) (said|told reporters|added)\\.(.*)$`,
    's',
  ).exec(outside);
  if (named !== null && chance(rng, 0.8)) {
    const [, q, name, verb, tail] = named;
    const alts = ['added', 'went on', 'said', 'continued', 'remarked'].filter((v) => v !== verb);
    if (name === 'he' || name === 'she') return `${q!} ${name} ${pick(rng, alts)}.${tail!}`;
    return `${q!} ${pick(rng, ['said', 'added', 'remarked'])} ${name!}.${tail!}`;
  }
  return outside;
}

const CONJ = 'when|after|before|because|as|while|although|since|until|once';
const TIME_TAIL =
  /^([A-Z][^"\u201C]{15,}?),? ((?:late |early |shortly |just )?(?:on|in|by|during|within|after|before|since|at) (?:the )?[A-Za-z0-9' ]{3,30}?)\.$/;
const TIME_HEAD =
  /^((?:By|On|In|At|Since|After|Before|Shortly after|Shortly before|Late on|Early on|Within|During|Last|Earlier|Later) [^,]{2,40}), ([a-zA-Z].{15,})\.$/;

type Rule = (s: string, rng: Rng, low: (x: string) => string) => string | null;

/** Sentence rules: each returns the rewritten sentence(s) or null when it does not apply. */
const RULES: readonly Rule[] = [
  // "X said (that) Y." → "According to X, Y." / "Y, X noted." / "X stated that Y."
  (s, rng, low) => {
    const m =
      /^((?:The |A |An |Its |Their )?[A-Z]?[a-z'\u2019]*(?: [A-Za-z'\u2019-]+){0,6}) said (?:on [A-Z][a-z]+ )?(?:that )?([a-z].{12,})\.$/.exec(
        s,
      );
    if (m === null || m[1]!.includes(',')) return null;
    const who = m[1]!;
    const what = m[2]!;
    const r = rng();
    if (r < 0.4) return `According to ${low(who)}, ${what}.`;
    if (r < 0.7) return `${capitalize(what)}, ${low(who)} ${pick(rng, REPORT_VERBS)}.`;
    return `${who} ${pick(rng, REPORT_THAT)} that ${what}.`;
  },
  // "Y, X said." / "Y, according to X." → "X said that Y." / "According to X, Y."
  (s, rng, low) => {
    const m = /^([A-Z].{15,}?), (?:(.{3,60}?) said|according to (.{3,60}?))\.$/.exec(s);
    if (m === null) return null;
    const who = m[2] ?? m[3]!;
    const what = low(m[1]!);
    return chance(rng, 0.5)
      ? `According to ${who}, ${what}.`
      : `${capitalize(who)} ${pick(rng, REPORT_THAT)} that ${what}.`;
  },
  // "Tomas Reinholt, the authority's chief engineer, said …" → "The authority's chief engineer, Tomas Reinholt, said …"
  (s) => {
    const m = new RegExp(`^(${NAME}), ((?:the|a|an) [a-z][^,]{3,60}), (.+)$`).exec(s);
    if (m === null) return null;
    return `${capitalize(m[2]!)}, ${m[1]!}, ${m[3]!}`;
  },
  // "X, who organised the petition, watched the vote" → "X organised the petition and watched the vote"
  (s) => {
    const m = new RegExp(
      `^(${NAME}|The [a-z]+(?: [a-z]+)?), (?:who|which) ([a-z][^,]{5,80}), ([a-z].+)$`,
    ).exec(s);
    if (m === null) return null;
    return `${m[1]!} ${m[2]!} and ${m[3]!}`;
  },
  // "MAIN, when SUB." → "When SUB, MAIN."
  (s, _rng, low) => {
    const m = new RegExp(`^([A-Z].{15,}?),? (${CONJ}) ([a-z0-9].{10,})\\.$`).exec(s);
    if (m === null || /["\u201C]/.test(m[3]!)) return null;
    return `${capitalize(m[2]!)} ${m[3]!}, ${low(m[1]!)}.`;
  },
  // "When SUB, MAIN." → "MAIN when SUB."
  (s, _rng, low) => {
    const m = new RegExp(
      `^(${CONJ.split('|').map(capitalize).join('|')}) ([^,]{10,}), ([a-z].{10,})\\.$`,
    ).exec(s);
    if (m === null) return null;
    return `${capitalize(m[3]!)} ${m[1]!.toLowerCase()} ${low(m[2]!)}.`;
  },
  // Time phrase at the end → at the front, and back.
  (s, _rng, low) => {
    const m = TIME_TAIL.exec(s);
    if (m === null) return null;
    return `${capitalize(m[2]!)}, ${low(m[1]!)}.`;
  },
  (s, _rng, low) => {
    const m = TIME_HEAD.exec(s);
    if (m === null) return null;
    return `${capitalize(m[2]!)} ${low(m[1]!)}.`;
  },
  // "The tower was drained by engineers" → "Engineers drained the tower".
  (s, _rng, low) => {
    const m =
      /^(.*?)\b((?:[Tt]he|[Aa]n?|[Ii]ts|[Tt]heir) [a-z]+(?: [a-z]+)?) (?:was|were) ([a-z]+ed) by ((?:the |a |an )?[a-z]+(?: [a-z]+)?|[A-Z][\w'-]+(?: [A-Z][\w'-]+)*)(?=[,.])(.*)$/.exec(
        s,
      );
    if (m === null) return null;
    const agent = m[1] === '' ? capitalize(m[4]!) : m[4]!;
    return `${m[1]!}${agent} ${m[3]!} ${m[1] === '' ? low(m[2]!) : m[2]!}${m[5]!}`;
  },
  // Split at ", and" / ", but" / ";".
  (s, rng) => {
    const m = /^(.{30,}?)(?:, and|, but|;) ([a-z].{20,})$/.exec(s);
    if (m === null) return null;
    const joiner = s.slice(m[1]!.length).startsWith(', but')
      ? pick(rng, ['However, ', 'But ', 'Still, '])
      : pick(rng, ['', 'In addition, ', 'Also, ']);
    const second = joiner === '' ? capitalize(m[2]!) : `${joiner}${m[2]!}`;
    return `${m[1]!}. ${second}`;
  },
];

/** Restructures a sentence without quotations: the first of the shuffled rules that applies. */
function restructure(sentence: string, rng: Rng, low: (s: string) => string): string {
  for (const rule of shuffled(rng, RULES)) {
    const out = rule(sentence, rng, low);
    if (out !== null && out !== sentence) return out;
  }
  return sentence;
}

const PAST: Readonly<Record<string, string>> = {
  bring: 'brought',
  leave: 'left',
  take: 'took',
  make: 'made',
  keep: 'kept',
  send: 'sent',
  hold: 'held',
  tear: 'tore',
  fight: 'fought',
  give: 'gave',
  go: 'went',
  come: 'came',
  run: 'ran',
  put: 'put',
  set: 'set',
  cut: 'cut',
  say: 'said',
  tell: 'told',
  find: 'found',
  lose: 'lost',
  spend: 'spent',
  build: 'built',
  stand: 'stood',
  lead: 'led',
  meet: 'met',
  pay: 'paid',
  sell: 'sold',
  buy: 'bought',
  begin: 'began',
  drive: 'drove',
};

function verbBase(wn: WordNet, form: string, inflection: 'third' | 'ing'): string | null {
  const r = lemmatize(wn, form).find((x) => x.pos === 'verb' && x.inflection === inflection);
  return r?.lemma ?? null;
}

function ing(base: string): string {
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(base)) return `${base}${base.slice(-1)}ing`;
  return inflect(base, 'ing');
}

function past(base: string): string {
  if (PAST[base] !== undefined) return PAST[base]!;
  if (/^[^aeiou]*[aeiou][bdgmnprt]$/.test(base)) return `${base}${base.slice(-1)}ed`;
  return inflect(base, 'past');
}

/**
 * Rules that work on any stretch of text outside quotations: relative
 * clauses reduced ("who was on the night shift" → "on the night shift",
 * "which runs the barrier" → "running the barrier"), participles made finite
 * (", destroying machinery" → " and destroyed machinery"), "the roof of the
 * hall" → "the hall's roof".
 */
function inlineRules(text: string, rng: Rng, wn: WordNet): string {
  let t = text;
  if (chance(rng, 0.8))
    t = t.replace(
      /\b(?:who|which|that) (?:is|was|are|were) (?=(?:on|in|at|from|near|among|responsible|part|due|based)\b)/g,
      '',
    );
  if (chance(rng, 0.8)) {
    t = t.replace(/\b(?:who|which) ([a-z]+s)\b(?! of)/g, (m: string, verb: string) => {
      const base = verbBase(wn, verb, 'third');
      return base === null ? m : ing(base);
    });
  }
  if (chance(rng, 0.7)) {
    t = t.replace(
      /, ([a-z]+ing) (?=(?:the|a|an|its|their|his|her|more|about|[a-z]+s)\b)/g,
      (m: string, verb: string) => {
        const base = verbBase(wn, verb, 'ing');
        return base === null ? m : ` and ${past(base)} `;
      },
    );
  }
  if (chance(rng, 0.7)) {
    t = t.replace(
      /\bthe ([a-z]{4,}) of the ([a-z]{4,})\b(?! of)/g,
      (m: string, thing: string, owner: string) =>
        /s$/.test(owner) || /ing$/.test(thing) ? m : `the ${owner}'s ${thing}`,
    );
  }
  return t;
}

const hasQuote = (s: string): boolean => /["\u201C\u201D]/.test(s);

function paraphraseParagraph(p: string, rng: Rng, wn: WordNet, opts: ParaphraseOptions): string {
  const rate = opts.wordRate ?? 0.95;
  const low = (s: string): string => lowerFirst(s, opts.protect, wn);
  const reword = (o: string): string =>
    fixArticles(resynonym(rephrase(inlineRules(o, rng, wn), rng), rng, wn, rate, opts.protect));
  const sentences = splitSentences(p).map((s) => {
    if (hasQuote(s)) {
      // Outside-quote parts: attribution moved, the lead-in before an opening quote restructured when it is a sentence of its own.
      const t = mapOutsideQuotes(s, (o) => moveAttribution(o, rng));
      return mapOutsideQuotes(t, reword);
    }
    let t = restructure(s, rng, low);
    // Up to two more rules, on each sentence of the result.
    for (let k = 0; k < 2; k++) {
      if (!chance(rng, 0.6)) break;
      t = splitSentences(t)
        .map((x) => restructure(x, rng, low))
        .join(' ');
    }
    return reword(t);
  });
  // Join two short neighbours without quotations now and then.
  const out: string[] = [];
  for (const s of sentences) {
    const prev = out[out.length - 1];
    if (
      prev !== undefined &&
      !hasQuote(prev + s) &&
      prev.length + s.length < 240 &&
      prev.endsWith('.') &&
      chance(rng, 0.35)
    ) {
      out[out.length - 1] =
        `${prev.slice(0, -1)}${pick(rng, [', while ', ', and ', '; '])}${low(s)}`;
    } else out.push(s);
  }
  return out.join(' ');
}

const words = (p: string): number => p.split(/\s+/).length;

/**
 * Paraphrases a draft: drops paragraphs (never the first) until 70–85% of the
 * words are kept, merges one neighbouring pair now and then, and rewords
 * every paragraph and the headline. Quotations are left exactly as they were.
 */
export function paraphraseDraft(draft: Draft, rng: Rng, opts: ParaphraseOptions): Draft {
  const wn = opts.wordnet ?? loadWordNet();
  const [lo, hi] = opts.keep ?? [0.72, 0.84];
  const target = lo + rng() * (hi - lo);
  const total = draft.paragraphs.reduce((n, p) => n + words(p), 0);
  // A reporter's own story: no agency dateline, no wire credit line.
  let paragraphs = draft.paragraphs
    .filter((p) => !/contributed to this report\.?$/.test(p))
    .map((p, i) => (i === 0 ? p.replace(/^[A-Z][A-Z .'-]+,[^—]{0,60}— /, '') : p));
  let kept = total;
  for (const i of shuffled(rng, paragraphs.map((_, k) => k).slice(1))) {
    if (paragraphs.length <= 4) break;
    const n = words(draft.paragraphs[i]!);
    if ((kept - n) / total < lo - 0.02) continue;
    if (kept / total <= target) break;
    kept -= n;
    paragraphs = paragraphs.filter((x) => x !== draft.paragraphs[i]);
    if (paragraphs.length <= 4) break;
  }
  if (paragraphs.length > 4 && chance(rng, 0.6)) {
    const i = 1 + Math.floor(rng() * (paragraphs.length - 2));
    paragraphs.splice(i, 2, `${paragraphs[i]!} ${paragraphs[i + 1]!}`);
  }
  paragraphs = paragraphs.map((p) => paraphraseParagraph(p, rng, wn, opts));
  const headline = resynonym(rephrase(draft.headline, rng), rng, wn, 0.9, opts.protect);
  return { ...draft, headline, paragraphs };
}
