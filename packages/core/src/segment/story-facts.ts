/**
 * What the later stages need to know about a story beyond its text: which
 * outlets it presents itself as, which it credits as its source, the names
 * it mentions and its language. Read once here, where the attribution lines
 * are found, so no later stage parses them again.
 */

import { guessLanguage } from '../text/language.js';
import { CALENDAR_AND_TITLES } from '../text/rare-words.js';
import { isStopword } from '../text/stopwords.js';
import { eachWord, foldTypography, words } from '../text/tokenize.js';
import type { Story } from '../types.js';
import { SOURCE_CREDIT_ANYWHERE } from './vocabulary.js';

/** A story as `segment` builds it, before its facts are read. */
export type StoryText = Omit<Story, 'outlets' | 'credits' | 'names' | 'language'>;

/** Folds outlet names, domains and URLs to comparable keys: "https://www.BBC.co.uk/x" → "bbc". */
export function outletKeys(...values: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (!v) continue;
    const s = v
      .toLowerCase()
      .replace(/^(https?:\/\/)?(www\.)?/, '')
      .replace(/\.(com|org|net|co\.uk|info)\b.*$/, '')
      .replace(/^the\s+/, '')
      .trim();
    if (s.length >= 2) out.add(s);
  }
  return [...out];
}

/**
 * The outlet an explicit credit line names: "Sourced From: www.x.com/…",
 * "Originally published by X", "This article first appeared on X", "Source: X".
 * @throws never.
 */
export function creditedOutlet(line: string): string | null {
  const m = SOURCE_CREDIT_ANYWHERE.exec(line);
  if (!m) return null;
  const target = m[1]!.trim().replace(/^the\s+/i, '');
  const domain = /^(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+)\.[a-z.]+/i.exec(target);
  return (domain ? domain[1]! : target.split(/[.,;(|]/)[0]!).trim();
}

/**
 * Names in a story, in order of first use: words capitalised in mid-sentence
 * (a sentence's first word is capitalised whatever it is) that are not
 * function words, calendar words or titles ("Thursday", "President"), and
 * that the story does not also write lower-case in mid-sentence more often
 * than capitalised, from its first capitalised use on (a common word set in
 * title case somewhere). Scripts
 * without capitals give none; relate takes the words two such stories share
 * verbatim instead.
 */
function storyNames(story: StoryText): string[] {
  const capital = new Map<string, number>();
  const lower = new Map<string, number>();
  for (const p of story.paragraphs) {
    // Words are visited, not built: a flattened page is one paragraph of
    // millions of words, few of them capitalised.
    let k = 0;
    eachWord(p.text, (start, end, segment) => {
      if (k++ === 0) return;
      const first = p.text.charCodeAt(start);
      const upper = segment === undefined ? first >= 65 && first <= 90 : /^\p{Lu}/u.test(segment);
      const isLower =
        segment === undefined ? first >= 97 && first <= 122 : /^\p{Ll}/u.test(segment);
      if (!upper && !isLower) return;
      const before = p.text.slice(Math.max(0, start - 2), start);
      if (/[.!?]\s*$/.test(before)) return;
      const norm = foldTypography(segment ?? p.text.slice(start, end))
        .toLowerCase()
        .replace(/'s$/, '');
      const counts = upper ? capital : lower;
      // Lower-case words are only counted once a capitalised form was seen.
      if (!upper && !capital.has(norm)) return;
      counts.set(norm, (counts.get(norm) ?? 0) + 1);
    });
  }
  return [...capital.keys()].filter(
    (w) =>
      w.length >= 3 &&
      !isStopword(w) &&
      !CALENDAR_AND_TITLES.has(w) &&
      (lower.get(w) ?? 0) <= (capital.get(w) ?? 0),
  );
}

/**
 * The first `n` words of the paragraphs, reading no further than needed: a
 * prefix of a long paragraph is tokenised, and taken only when it holds more
 * than the words wanted (its last word may be cut).
 */
function firstWords(paragraphs: readonly { readonly text: string }[], n: number): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    const need = n - out.length;
    if (need <= 0) break;
    let got: string[] | undefined;
    for (let chars = 32 * need; chars < p.text.length && got === undefined; chars *= 4) {
      const ws = words(p.text.slice(0, chars));
      if (ws.length > need) got = ws.slice(0, need);
    }
    out.push(...(got ?? words(p.text).slice(0, need)));
  }
  return out;
}

/**
 * Adds a story's facts. A story presents itself as its page's publisher's,
 * and as the outlet its dateline or trailer names, unless an explicit credit
 * line says it took the text from that outlet.
 * @throws never.
 */
export function withStoryFacts(story: StoryText, pagePublisher: string | null): Story {
  const credits = outletKeys(...story.attribution.map(creditedOutlet));
  return {
    ...story,
    outlets: outletKeys(pagePublisher, story.source).filter((o) => !credits.includes(o)),
    credits,
    names: storyNames(story),
    // One language per story: a single sentence is too short to tell.
    language: guessLanguage(firstWords(story.paragraphs, 2000)),
  };
}
