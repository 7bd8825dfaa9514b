import { describe, expect, it } from 'vitest';
import { ExtentCache, extentMeasures } from './extent.js';

const source = [
  'The harbour authority said on Monday that the northern pier would close for eighteen months of repairs costing 42 million euros.',
  'Ferries will dock at the southern terminal instead, and the timetable changes from 3 June.',
];
const copy = [
  'The harbour authority said on Monday that the northern pier would close for eighteen months of repairs.',
  'Fishermen 𝒜𝒷𝒸 🐟 said the decision came without warning.',
];

describe('ExtentCache', () => {
  it('gives the measures computed without it, before and after a release', () => {
    const plain = extentMeasures({ parent: source, child: copy, language: 'eng' });
    const cache = new ExtentCache();
    expect(extentMeasures({ parent: source, child: copy, language: 'eng' }, cache)).toEqual(plain);
    // The second call reads the cached views.
    expect(extentMeasures({ parent: source, child: copy, language: 'eng' }, cache)).toEqual(plain);
    cache.release(source);
    cache.release(copy);
    expect(extentMeasures({ parent: source, child: copy, language: 'eng' }, cache)).toEqual(plain);
  });

  it('keeps one view per language of the same paragraphs', () => {
    const cache = new ExtentCache();
    expect(cache.view(source, 'eng')).toBe(cache.view(source, 'eng'));
    expect(cache.view(source, 'eng')).not.toBe(cache.view(source, 'deu'));
  });
});
