import { describe, expect, it } from 'vitest';
import { functionWords, guessLanguage, knownLanguages } from './language.js';
import { words } from './tokenize.js';

describe('guessLanguage', () => {
  it('names the language whose function words a text uses', () => {
    expect(
      guessLanguage(
        words('Los vecinos de la ciudad salieron a la calle por la mañana con sus banderas'),
      ),
    ).toBe('spa');
    expect(
      guessLanguage(
        words(
          'The ferry crews said they would return to work when the company agreed to their terms',
        ),
      ),
    ).toBe('eng');
    expect(
      guessLanguage(
        words(
          'Im Hafen der Stadt soll der Kran in der Nacht ausgefallen sein und die Feuerwehr kam',
        ),
      ),
    ).toBe('deu');
  });

  it('gives up on a list of names', () => {
    expect(guessLanguage(words('Varnholm Kessel Brannock Osei Reinholt'))).toBeNull();
  });

  it('lists function words, English by default', () => {
    expect(functionWords(null).has('the')).toBe(true);
    expect(functionWords('deu').has('der')).toBe(true);
  });
});

describe('guessLanguage by word index', () => {
  it('names the language a count per language names, ties to the first listed', () => {
    const langs = knownLanguages();
    const pool = [...langs.flatMap((l) => [...functionWords(l)].slice(0, 25)), 'harbour', 'kran'];
    // The definition: count each language's function words, keep the first best.
    const naive = (ws: readonly string[]) => {
      let best: string | null = null;
      let bestHits = 0;
      for (const lang of langs) {
        const list = functionWords(lang);
        const hits = ws.filter((w) => list.has(w)).length;
        if (hits > bestHits) [best, bestHits] = [lang, hits];
      }
      return bestHits >= 0.15 * ws.length ? best : null;
    };
    let seed = 1;
    const rand = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let t = 0; t < 500; t++) {
      const n = 1 + Math.floor(rand() * 30);
      const ws = Array.from({ length: n }, () => pool[Math.floor(rand() * pool.length)]!);
      expect(guessLanguage(ws)).toBe(naive(ws));
    }
  });
});
