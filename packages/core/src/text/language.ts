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

/**
 * The language (ISO 639-3, e.g. "eng", "deu") whose function words cover
 * most of the given words, or null when none covers at least 15% of them.
 */
export function guessLanguage(words: readonly string[]): string | null {
  if (words.length === 0) return null;
  let best: string | null = null;
  let bestHits = 0;
  for (const [lang, list] of LISTS) {
    let hits = 0;
    for (const w of words) if (list.has(w)) hits++;
    if (hits > bestHits) {
      bestHits = hits;
      best = lang;
    }
  }
  return bestHits >= 0.15 * words.length ? best : null;
}

/** Function words of a language (English when it is unknown). */
export function functionWords(lang: string | null | undefined): ReadonlySet<string> {
  return LISTS.get(lang ?? 'eng') ?? STOPWORDS;
}
