/**
 * What the later stages need to know about a story beyond its text: which
 * outlets it presents itself as, which it credits as its source, the names
 * it mentions and its language. Read once here, where the attribution lines
 * are found, so no later stage parses them again.
 */

import { guessLanguage } from '../text/language.js';
import { isStopword } from '../text/stopwords.js';
import { tokenize, words } from '../text/tokenize.js';
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

/** Names in a story: capitalised words that are not sentence starts or function words, in order of first use. */
function storyNames(story: StoryText): string[] {
  const names = new Set<string>();
  for (const p of story.paragraphs) {
    const tokens = tokenize(p.text);
    tokens.forEach((t, k) => {
      if (k === 0 || !/^\p{Lu}/u.test(t.text) || t.norm.length < 3 || isStopword(t.norm)) return;
      const before = p.text.slice(Math.max(0, t.start - 2), t.start);
      if (/[.!?]\s*$/.test(before)) return;
      names.add(t.norm.replace(/'s$/, ''));
    });
  }
  return [...names];
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
    language: guessLanguage(leadingWords(story, LANGUAGE_WORDS)),
  };
}

/** Words the language guess reads, from the story's start. */
const LANGUAGE_WORDS = 2000;

/**
 * The first `n` words of a story's paragraphs: only the paragraphs they
 * reach are read (a 100 000-paragraph page was tokenized whole for them).
 */
function leadingWords(story: StoryText, n: number): string[] {
  const out: string[] = [];
  for (const p of story.paragraphs) {
    for (const w of words(p.text)) {
      if (out.length >= n) return out;
      out.push(w);
    }
  }
  return out;
}
