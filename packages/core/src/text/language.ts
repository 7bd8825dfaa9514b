/**
 * Function words of many languages (the `stopword` package's lists), and a
 * guess of a text's language from them. Shared function words ("de la",
 * "der die das") say nothing about copying; shared content words do.
 */

import sw from 'stopword';
import { STOPWORDS } from './stopwords.js';

const LISTS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const out = new Map<string, ReadonlySet<string>>();
  for (const [key, value] of Object.entries(sw)) {
    if (!/^[a-z]{3}$/.test(key) || !Array.isArray(value)) continue;
    const words = (value as unknown[])
      .filter((w): w is string => typeof w === 'string')
      .map((w) => w.toLowerCase());
    out.set(key, new Set(key === 'eng' ? [...words, ...STOPWORDS] : words));
  }
  return out;
})();

/** Language names in the order of LISTS, and for each function word the languages that have it. */
const LANGS = [...LISTS.keys()];
const LANGS_OF: ReadonlyMap<string, readonly number[]> = (() => {
  const out = new Map<string, number[]>();
  LANGS.forEach((lang, k) => {
    for (const w of LISTS.get(lang)!) {
      const langs = out.get(w);
      if (langs) langs.push(k);
      else out.set(w, [k]);
    }
  });
  return out;
})();

/**
 * The language (ISO 639-3, e.g. "eng", "deu") whose function words cover
 * most of the given words, or null when none covers at least 15% of them.
 * Ties go to the language listed first.
 */
export function guessLanguage(words: readonly string[]): string | null {
  if (words.length === 0) return null;
  // Each word is looked up once, not once per language.
  const hits = new Uint32Array(LANGS.length);
  for (const w of words) for (const k of LANGS_OF.get(w) ?? []) hits[k]!++;
  let best = -1;
  let bestHits = 0;
  hits.forEach((h, k) => {
    if (h > bestHits) {
      bestHits = h;
      best = k;
    }
  });
  return best >= 0 && bestHits >= 0.15 * words.length ? LANGS[best]! : null;
}

/** The languages guessLanguage knows, in the order ties are broken. */
export function knownLanguages(): readonly string[] {
  return LANGS;
}

/** Function words of a language (English when it is unknown). */
export function functionWords(lang: string | null | undefined): ReadonlySet<string> {
  return LISTS.get(lang ?? 'eng') ?? STOPWORDS;
}
