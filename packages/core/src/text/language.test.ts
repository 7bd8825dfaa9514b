import { describe, expect, it } from 'vitest';
import { functionWords, guessLanguage } from './language.js';
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
