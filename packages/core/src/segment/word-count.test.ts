import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wordCount } from './lines.js';

describe('wordCount', () => {
  it('counts the runs between spaces of every kind, as /\\S+/g does', () => {
    const pieces = [
      'a',
      'Bc',
      '.',
      ' ',
      '\t',
      '\n',
      '\u00a0',
      '\u2003',
      '\u3000',
      '\ufeff',
      'é',
      '—',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')),
        (text) => {
          expect(wordCount(text)).toBe((text.match(/\S+/g) ?? []).length);
        },
      ),
      { numRuns: 3_000, seed: 5 },
    );
  });
});
