/**
 * A translation-like rewrite: what a page looks like after machine
 * translation into another language and back. Deterministic rules, applied
 * everywhere including quotations (a translator translates those too):
 * names respelled as transliteration does (Yuri → Jurij, w → v, ck → k),
 * dates and times in day-first and 24-hour form, decimal commas and spaced
 * thousands, function words and set phrases swapped, "the X of Y" ↔
 * "Y's X", articles dropped after prepositions, agent passives made active,
 * and time adverbials moved to the front of their sentence.
 */

import type { Draft } from './article.js';
import { capitalize, dayFirstDate, MONTHS, splitSentences, WEEKDAYS } from './text.js';
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
    .replace(/c(?=[aou])/g, 'k');
  s = s.replace(/^Y/, 'J').replace(/y$/, 'ij').replace(/i$/, 'ij').replace(/y(?=[aeiou])/g, 'j');
  return s;
}

/** The respellings of an event's names: capitalised words of the names that are not English words. */
export function respellTable(names: readonly string[], wn: WordNet = loadWordNet()): Map<string, string> {
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

const MONTH = MONTHS.join('|');
const WEEKDAY = WEEKDAYS.join('|');

function reformatNumbers(text: string): string {
  return (
    text
      // Times: "11:42 p.m." → "23:42", "1 a.m." → "01:00" (a sentence-final "a.m." keeps its full stop).
      .replace(/\b(\d{1,2})(?::(\d{2}))? ([ap])\.m\.( [A-Z])?/g, (_m, h: string, min: string | undefined, ap: string, next: string | undefined) => {
        let hour = Number(h) % 12;
        if (ap === 'p') hour += 12;
        const t = `${String(hour).padStart(2, '0')}:${min ?? '00'}`;
        return next === undefined ? t : `${t}.${next}`;
      })
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
  return text.replace(PREPOSITIONS, (m: string, prep: string) => (counter.n++ % 2 === 0 ? prep : m));
}

/** "the mayor of Oberzell" → "Oberzell's mayor"; "Norland's trade." → "the trade of Norland.". */
function swapGenitives(text: string): string {
  return text.replace(
    /\bthe ([a-z]+) of ((?:[A-Z][a-z]+ ?){1,2})\b|\b([A-Z][a-z]+)'s ([a-z]+)(?=[,.;:])/g,
    (m: string, noun1?: string, owner1?: string, owner2?: string, noun2?: string) => {
      if (noun1 !== undefined && owner1 !== undefined) return `${owner1.trim()}'s ${noun1}`;
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
  const lowered = /^(The|A|An|It|Its|Their|His|Her)\b/.test(rest) ? rest[0]!.toLowerCase() + rest.slice(1) : rest;
  return `${capitalize(m[2]!)} ${lowered}${m[3]!}`;
}

function respellAll(text: string, table: ReadonlyMap<string, string>): string {
  return text.replace(/[A-Z][A-Za-z\u00C0-\u024F]+/g, (w) => table.get(w) ?? w);
}

/** Options of {@link translateDraft}. */
export interface TranslateOptions {
  /** The event's names; their non-English words are respelled. */
  readonly names: readonly string[];
  readonly wordnet?: WordNet;
}

/** Rewrites a draft as a machine translation round trip would. Deterministic: no randomness. */
export function translateDraft(draft: Draft, opts: TranslateOptions): Draft & { readonly respelled: ReadonlyMap<string, string> } {
  const table = respellTable(opts.names, opts.wordnet);
  const counter = { n: 0 };
  const rewrite = (text: string, sentences: boolean): string => {
    let t = respellAll(text, table);
    t = reformatNumbers(t);
    for (const [re, to] of PHRASES) t = t.replace(re, to);
    t = swapGenitives(t);
    t = dropArticles(t, counter);
    if (!sentences) return t;
    return splitSentences(t)
      .map((s) => frontTimeAdverbial(activate(s)))
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
