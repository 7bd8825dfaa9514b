/**
 * A translation-like rewrite: what a page looks like after machine
 * translation into another language and back (English → Russian/German →
 * English). Rules, applied everywhere including quotations (a translator
 * translates those too), with seeded choices:
 *
 * - names respelled as transliteration does (Yuri → Jurij, w → v, ck → k,
 *   doubled consonants single), the same respelling at every occurrence;
 * - dates and times in day-first and 24-hour form, decimal commas, spaced thousands;
 * - content words: about half of the words with a same-sense synonym are
 *   replaced ("readout" → "reading", "allies" → "partners"), one choice per
 *   word for the whole page, as a translation system is consistent;
 * - function words and set phrases: prepositions swapped ("about" →
 *   "concerning", "across" → "through"), "said" → "stated"/"declared",
 *   "who" → "which", "will" → "shall", articles dropped after prepositions;
 * - word order within the sentence: "the X of Y" ↔ "Y's X", agent
 *   passives made active, time adverbials fronted, "Y, X said" → "Y, said
 *   X", "also" and "now" moved;
 *
 * while sentence boundaries and paragraph order are kept.
 */

import { seededRandom } from '@stemma/core';
import type { Draft } from './article.js';
import { fixArticles, inflectPhrase, sameSenseSynonyms } from './synonyms.js';
import {
  capitalize,
  chance,
  dayFirstDate,
  matchCase,
  MONTHS,
  pick,
  splitSentences,
  WEEKDAYS,
  type Rng,
} from './text.js';
import { lemmatize, loadWordNet, type WordNet } from './wordnet.js';

/**
 * A name as transliteration back into English spells it. Returns the name
 * unchanged when no rule applies.
 */
export function respell(name: string): string {
  let s = name
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/Th/g, 'T')
    .replace(/x/g, 'ks')
    .replace(/ch/g, 'kh')
    .replace(/Ch/g, 'Kh')
    .replace(/w/g, 'v')
    .replace(/W/g, 'V')
    .replace(/ee/g, 'i')
    .replace(/oo/g, 'u')
    .replace(/C(?=[aou])/g, 'K')
    .replace(/c(?=[aou])/g, 'k')
    .replace(/([bdfglmnprst])\1/g, '$1');
  s = s
    .replace(/^Y/, 'J')
    .replace(/y$/, 'ij')
    .replace(/i$/, 'ij')
    .replace(/y(?=[aeiou])/g, 'j');
  return s;
}

/** The respellings of an event's names: capitalised words of the names that are not English words. */
export function respellTable(
  names: readonly string[],
  wn: WordNet = loadWordNet(),
): Map<string, string> {
  const table = new Map<string, string>();
  for (const name of names) {
    for (const word of name.match(/[A-Z][A-Za-z\u00C0-\u024F]+/g) ?? []) {
      if (lemmatize(wn, word.toLowerCase()).length > 0) continue;
      const r = respell(word);
      if (r !== word) {
        table.set(word, r);
        table.set(word.toUpperCase(), r.toUpperCase());
      }
    }
  }
  return table;
}

const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bmore than\b/g, 'over'],
  [/\bMore than\b/g, 'Over'],
  [/\babout (?=\d)/g, 'approximately '],
  [/\broughly\b/g, 'approximately'],
  [/\bbecause\b/g, 'since'],
  [/, but\b/g, ', however'],
  [/\buntil\b/g, 'till'],
  [/\bwhether\b/g, 'if'],
  [/, which\b/g, ', that'],
  [/\bamong\b/g, 'between'],
  [/\btoward\b/g, 'in direction of'],
  [/\baccording to\b/g, 'as reported by'],
  [/\bAccording to\b/g, 'As reported by'],
  [/\btold reporters\b/g, 'said to journalists'],
  [/\bpeople\b/g, 'persons'],
  [/\bcannot\b/g, 'can not'],
  [/\bhas been\b/g, 'was'],
  [/\bhave been\b/g, 'were'],
  [/\bIt is\b/g, 'This is'],
  [/\bit is\b/g, 'this is'],
  [/\bpercent\b/g, 'per cent'],
  [/\bmetres\b/g, 'meters'],
  [/\bmetre\b/g, 'meter'],
  [/\bkilometres?\b/g, 'km'],
  [/\bcentimetres\b/g, 'cm'],
  [/\bnobody\b/g, 'no one'],
  [/\bNobody\b/g, 'No one'],
  [/\bsaid\b/g, 'stated'],
  [/\bwill\b/g, 'shall'],
  [/\bthe moment\b/g, 'in the moment'],
  [/\bsince (?=\d{4})/g, 'from '],
];

/** Choices a translation system makes one way or another: each occurrence picks, with probability 0.7. */
const VARIANTS: readonly (readonly [RegExp, readonly string[]])[] = [
  [/\babout (?=the |a |an |his |her |its |their )/g, ['concerning ', 'regarding ', 'on ']],
  [/\bacross\b/g, ['through', 'over']],
  [/\binto\b/g, ['in']],
  [/\bnear\b/g, ['close to', 'next to']],
  [/\boutside\b/g, ['in front of', 'outside of']],
  [/\bafter\b/g, ['after', 'following']],
  [/\bduring\b/g, ['in the time of', 'in']],
  [/\bin (?=\d{4}\b)/g, ['in the year ']],
  [/\bfor (?=\d+ (?:years|days|hours|minutes|weeks|months)\b)/g, ['during ', 'in the course of ']],
  [/\bwho\b/g, ['which', 'who']],
  [/\bthat (?=the |a |an |it |they |he |she |there )/g, ['that ', '']],
  [/\bwould\b/g, ['would', 'will']],
  [/\bcould\b/g, ['could', 'can']],
  [/\bmust\b/g, ['has to', 'must']],
  [/\bshould\b/g, ['must', 'should']],
  [/\bwas not\b/g, ['was not', 'has not been']],
  [/\bdid not\b/g, ['has not', 'did not']],
  [/\bthere (?:was|were)\b/g, ['there existed', 'there was']],
  [/\bstated\b/g, ['stated', 'declared', 'reported']],
  [/\bthe (?=[a-z]+s\b(?! of))/g, ['', 'the ']],
  [/\ba lot of\b/g, ['many']],
  [/\bnext week\b/g, ['the next week', 'in the coming week']],
  [/\blast year\b/g, ['in the last year', 'in the previous year']],
  [
    /\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/g,
    ['on $1', 'this $1', 'in $1'],
  ],
  [/\b(?:late|early) on\b/g, ['late in the day on', 'in the evening on']],
  [/\bonly\b/g, ['only', 'just']],
  [/\balready\b/g, ['yet', 'already']],
  [/\bagain\b/g, ['once more', 'anew']],
];

const MONTH = MONTHS.join('|');
const WEEKDAY = WEEKDAYS.join('|');

function reformatNumbers(text: string): string {
  return (
    text
      // Times: "11:42 p.m." → "23:42", "1 a.m." → "01:00" (a sentence-final "a.m." keeps its full stop).
      .replace(
        /\b(\d{1,2})(?::(\d{2}))? ([ap])\.m\.( [A-Z])?/g,
        (_m, h: string, min: string | undefined, ap: string, next: string | undefined) => {
          let hour = Number(h) % 12;
          if (ap === 'p') hour += 12;
          const t = `${String(hour).padStart(2, '0')}:${min ?? '00'}`;
          return next === undefined ? t : `${t}.${next}`;
        },
      )
      // Dates: "March 3, 2025" → "3 March 2025", "October 14" → "14 October".
      .replace(new RegExp(`\\b(${MONTH}) (\\d{1,2}), (\\d{4})`, 'g'), '$2 $1 $3')
      .replace(new RegExp(`\\b(${MONTH}) (\\d{1,2})\\b`, 'g'), '$2 $1')
      // Decimal commas, then spaced thousands.
      .replace(/\b(\d+)\.(\d+)\b/g, '$1,$2')
      .replace(/\b(\d{1,3}),(\d{3})\b(?!,\d)/g, '$1 $2')
  );
}

const PREPOSITIONS = /\b(in|on|at|of|to|from|by|with|for|into|across|through) the\b/g;

/** Drops every second "the" after a preposition, the way translation from an article-less language does. */
function dropArticles(text: string, counter: { n: number }): string {
  return text.replace(PREPOSITIONS, (m: string, prep: string) =>
    counter.n++ % 2 === 0 ? prep : m,
  );
}

/** "the mayor of Oberzell" → "Oberzell's mayor"; "Norland's trade." → "the trade of Norland.". */
function swapGenitives(text: string): string {
  return text.replace(
    /\bthe ([a-z]+) of ((?:[A-Z][a-z]+ ?){1,2})\b|\b([A-Z][a-z]+)'s ([a-z]+)(?=[,.;:])/g,
    (m: string, noun1?: string, owner1?: string, owner2?: string, noun2?: string) => {
      if (noun1 !== undefined && owner1 !== undefined)
        return `${owner1.trim()}'s ${noun1}${owner1.endsWith(' ') ? ' ' : ''}`;
      if (owner2 !== undefined && noun2 !== undefined) return `the ${noun2} of ${owner2}`;
      return m;
    },
  );
}

/** "The tower was drained by engineers" → "engineers drained the tower". */
function activate(sentence: string): string {
  return sentence.replace(
    /\b([Tt]he [a-z]+(?: [a-z]+)?) (?:was|were) ([a-z]+ed) by ((?:the |a )?[a-z]+(?: [a-z]+)?|[A-Z][a-z]+(?: [A-Z][a-z]+)*)(?=[,.])/g,
    (_m, patient: string, verb: string, agent: string) => {
      const subj = /^[A-Z]/.test(agent) ? agent : agent;
      return `${subj} ${verb} ${patient.replace(/^The\b/, 'the')}`;
    },
  );
}

/** "X happened on Monday morning." → "On Monday morning X happened." */
function frontTimeAdverbial(sentence: string): string {
  const m = new RegExp(
    `^([A-Z][^"\\u201C]*?),? ((?:late |early )?on (?:${WEEKDAY})(?: (?:morning|afternoon|evening|night))?)([.])$`,
  ).exec(sentence);
  if (m === null) return sentence;
  const rest = m[1]!;
  const lowered = /^(The|A|An|It|Its|Their|His|Her)\b/.test(rest)
    ? rest[0]!.toLowerCase() + rest.slice(1)
    : rest;
  return `${capitalize(m[2]!)} ${lowered}${m[3]!}`;
}

/** "Y, X said." → "Y, said X." (the verb-second order of a German source); "X also VERB" → "Also X VERB". */
function reorder(sentence: string, rng: Rng): string {
  let s = sentence;
  const said = /^(.+), ([A-Za-z][\w' -]{2,60}?) (said|stated|declared|reported)\.$/.exec(s);
  if (said !== null && !/["\u201C\u201D]$/.test(said[1]!) && chance(rng, 0.7))
    s = `${said[1]!}, ${said[3]!} ${said[2]!}.`;
  const also = /^([A-Z][a-z]+(?: [A-Za-z]+){0,3}) (also|now|still) ([a-z]+)/.exec(s);
  if (also !== null && chance(rng, 0.6))
    s = `${capitalize(also[2]!)} ${also[1]!} ${also[3]!}${s.slice(also[0].length)}`;
  return s;
}

/** Same-sense synonyms for about `rate` of the content words, one choice per word for the whole text. */
function resynonym(
  text: string,
  rng: Rng,
  wn: WordNet,
  choices: Map<string, string | null>,
  rate: number,
  names: ReadonlySet<string>,
): string {
  return text.replace(/[A-Za-z]+(?:['\u2019][A-Za-z]+)*/g, (token: string, start: number) => {
    const possessive = /['\u2019]s$/.test(token) ? token.slice(-2) : '';
    const word = possessive === '' ? token : token.slice(0, -2);
    if (/['\u2019]/.test(word) || word.length < 3 || names.has(word)) return token;
    if (/[-\d]/.test(text[start - 1] ?? '') || /[-\d]/.test(text[start + token.length] ?? ''))
      return token;
    const before = text.slice(0, start);
    const initial = /(?:^|[.!?:\u2014]["\u201D]?\s*|["\u201C]\s*)$/.test(before);
    if (word[0] !== word[0]!.toLowerCase() && !initial) return token;
    const lower = word.toLowerCase();
    let choice = choices.get(lower);
    if (choice === undefined) {
      const prev = (/([A-Za-z]+)[^A-Za-z]*$/.exec(before)?.[1] ?? '').toLowerCase();
      const syn = sameSenseSynonyms(wn, lower, initial ? '' : prev);
      choice =
        syn !== null && chance(rng, rate)
          ? inflectPhrase(pick(rng, syn.words), syn.inflection, syn.pos)
          : null;
      choices.set(lower, choice);
    }
    return choice === null ? token : matchCase(word, choice) + possessive;
  });
}

function respellAll(text: string, table: ReadonlyMap<string, string>): string {
  return text.replace(/[A-Z][A-Za-z\u00C0-\u024F]+/g, (w) => table.get(w) ?? w);
}

/** Options of {@link translateDraft}. */
export interface TranslateOptions {
  /** The event's names; their non-English words are respelled. */
  readonly names: readonly string[];
  readonly wordnet?: WordNet;
  /** Seeded choices (default a fixed seed, so the rewrite is still deterministic). */
  readonly rng?: Rng;
  /** Share of the content words with a synonym that are replaced (default 0.5). */
  readonly wordRate?: number;
}

/** Rewrites a draft as a machine translation round trip would; the same rng gives the same text. */
export function translateDraft(
  draft: Draft,
  opts: TranslateOptions,
): Draft & { readonly respelled: ReadonlyMap<string, string> } {
  const wn = opts.wordnet ?? loadWordNet();
  const rng = opts.rng ?? seededRandom(1);
  const table = respellTable(opts.names, wn);
  const names = new Set(opts.names.flatMap((n) => n.match(/[A-Z][A-Za-z\u00C0-\u024F]+/g) ?? []));
  const choices = new Map<string, string | null>();
  const rate = opts.wordRate ?? 0.5;
  const counter = { n: 0 };
  const rewrite = (text: string, sentences: boolean): string => {
    let t = resynonym(text, rng, wn, choices, rate, names);
    t = respellAll(t, table);
    t = reformatNumbers(t);
    for (const [re, to] of PHRASES) t = t.replace(re, to);
    for (const [re, alts] of VARIANTS)
      t = t.replace(re, (m: string, ...groups: unknown[]) => {
        if (!chance(rng, 0.7)) return m;
        const alt = pick(rng, alts).replace('$1', typeof groups[0] === 'string' ? groups[0] : '');
        return matchCase(m, alt);
      });
    t = swapGenitives(t);
    t = dropArticles(t, counter);
    t = fixArticles(t);
    if (!sentences) return t;
    return splitSentences(t)
      .map((s) => capitalize(reorder(frontTimeAdverbial(activate(s)), rng)))
      .join(' ');
  };
  return {
    headline: rewrite(draft.headline, false),
    byline: draft.byline,
    date: draft.date,
    paragraphs: draft.paragraphs.map((p) => rewrite(p, true)),
    respelled: table,
  };
}

/** The date line of a translated page: day first. */
export function translatedDateLine(iso: string): string {
  return dayFirstDate(iso);
}
