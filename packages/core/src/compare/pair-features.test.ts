import { describe, expect, it } from 'vitest';
import {
  charNgrams,
  containmentOf,
  DerivedViews,
  diceOf,
  idfOverlap,
  idfTable,
  isNegation,
  lengthRatio,
  nameMismatch,
  negationMismatch,
  ngramPrecision,
  numberMismatch,
  PAIR_FEATURE_NAMES,
  pairFeatures,
  sentenceView,
  softAlignment,
  stem,
  wordNgrams,
  wordOrder,
  type WordVectors,
} from './pair-features.js';

const v = sentenceView;
const flat = () => 1;

describe('sentenceView', () => {
  it('normalises words, keeps content words, numbers, names and negations apart', () => {
    const s = v("Yucaipa didn't sell Dominick's to Safeway in 1998 for $1,200 million.");
    expect(s.words).toEqual([
      'yucaipa',
      "didn't",
      'sell',
      'dominick',
      'to',
      'safeway',
      'in',
      '1998',
      'for',
      '1,200',
      'million',
    ]);
    expect(s.content).toEqual([
      'yucaipa',
      'sell',
      'dominick',
      'safeway',
      '1998',
      '1,200',
      'million',
    ]);
    expect([...s.numbers].sort()).toEqual(['1200', '1998']);
    // The first word is capitalised because it starts the sentence; it is not counted.
    expect([...s.names].sort()).toEqual(['dominick', 'safeway']);
    expect(s.negations).toBe(1);
    expect(s.chars.startsWith('yucaipa didn t sell')).toBe(true);
  });

  it('reads "U.S." as "us" and an empty text as empty', () => {
    expect(v('The U.S. economy').words).toEqual(['the', 'us', 'economy']);
    const e = v('');
    expect(e.words).toEqual([]);
    expect(e.numbers.size + e.names.size + e.negations).toBe(0);
  });
});

describe('set overlaps', () => {
  it('Dice and containment', () => {
    const a = new Set(['x', 'y', 'z', 'w']);
    const b = new Set(['x', 'y']);
    expect(diceOf(a, b)).toBeCloseTo(4 / 6, 9);
    expect(diceOf(new Set(), new Set())).toBe(0);
    expect(containmentOf(b, a)).toBe(1);
    expect(containmentOf(a, b)).toBe(0.5);
    expect(containmentOf(new Set(), a)).toBe(1);
  });

  it('word and character n-grams', () => {
    expect([...wordNgrams(['a', 'b', 'c'], 2)]).toEqual(['a b', 'b c']);
    expect(wordNgrams(['a'], 2).size).toBe(0);
    expect([...charNgrams('abcd', 3, 4)]).toEqual(['abc', 'bcd', 'abcd']);
    // Inflections share most character n-grams, unlike whole words.
    const inflected = diceOf(
      charNgrams(v('the shares jumped').chars),
      charNgrams(v('the share jumps').chars),
    );
    expect(inflected).toBeGreaterThan(0.5);
  });

  it('clipped n-gram precision counts each n-gram at most as often as the other side has it', () => {
    expect(ngramPrecision(['the', 'the', 'cat'], ['the', 'cat'], 1)).toBeCloseTo(2 / 3, 9);
    expect(ngramPrecision(['a', 'b', 'c'], ['a', 'b', 'd'], 2)).toBe(0.5);
    expect(ngramPrecision(['a'], ['a'], 2)).toBe(0);
  });

  it('stems by truncation to five letters', () => {
    expect(stem('accused')).toBe(stem('accusing'));
    expect(stem('cat')).toBe('cat');
  });
});

describe('idf', () => {
  const views = [v('the cat sat'), v('the dog sat'), v('the zebra ran')];
  const idf = idfTable(views);
  it('weights rare words above common ones and unseen words highest', () => {
    expect(idf('zebra')).toBeGreaterThan(idf('sat'));
    expect(idf('sat')).toBeGreaterThan(idf('the'));
    expect(idf('unicorn')).toBeGreaterThan(idf('zebra'));
  });
  it('IDF-weighted overlap: sharing the rare word counts more than sharing a common one', () => {
    const idf2 = idfTable([v('cat sat'), v('cat ran'), v('cat zebra'), v('dog zebra')]);
    const rare = idfOverlap(v('cat zebra'), v('dog zebra'), idf2);
    const common = idfOverlap(v('cat zebra'), v('cat dog'), idf2);
    expect(rare).toBeGreaterThan(common);
    expect(idfOverlap(v('the'), v('a'), idf2)).toBe(0);
    expect(idfOverlap(v('cat'), v('cat'), idf2)).toBe(1);
  });
});

describe('mismatch features', () => {
  it('length ratio', () => {
    expect(lengthRatio(v('one two'), v('one two three four'))).toBe(0.5);
    expect(lengthRatio(v(''), v(''))).toBe(1);
  });

  it('numbers stated by one sentence only', () => {
    expect(
      numberMismatch(v('sold for $2.5 billion in 1998'), v('sold in 1998 for $2.5 billion')),
    ).toBe(0);
    expect(
      numberMismatch(v('sold for $2.5 billion in 1998'), v('sold for $1.8 billion in 1998')),
    ).toBeCloseTo(2 / 3, 9);
    expect(numberMismatch(v('no numbers'), v('none here'))).toBe(0);
    expect(numberMismatch(v('1,200 people'), v('1200 people'))).toBe(0);
  });

  it('names one sentence has and the other never mentions', () => {
    expect(nameMismatch(v('He met Smith in Paris.'), v('In Paris he met Smith.'))).toBe(0);
    expect(nameMismatch(v('He met Smith in Paris.'), v('He met Jones in Paris.'))).toBe(0.5);
    // Sentence-initial capitals are not names; lower-case mentions still count as mentions.
    expect(nameMismatch(v('Officials met in paris.'), v('They met in Paris.'))).toBe(0);
  });

  it('negation on one side only', () => {
    expect(isNegation("didn't")).toBe(true);
    expect(isNegation('note')).toBe(false);
    expect(negationMismatch(v('He did not resign.'), v('He resigned.'))).toBe(1);
    expect(negationMismatch(v("He didn't resign."), v('He did not resign.'))).toBe(0);
    expect(negationMismatch(v('He resigned.'), v('He quit.'))).toBe(0);
  });
});

describe('word order', () => {
  it('is 1 for the same order, lower when shared words are shuffled', () => {
    expect(
      wordOrder(v('police arrested the mayor on friday'), v('on friday police arrested the mayor')),
    ).toBeCloseTo(3 / 4, 9);
    expect(wordOrder(v('police arrested the mayor'), v('police quickly arrested the mayor'))).toBe(
      1,
    );
    expect(wordOrder(v('mayor'), v('mayor'))).toBe(1);
  });
});

describe('soft alignment', () => {
  // Toy unit vectors: "bought" ≈ "purchased", "car" ⟂ both.
  const table: Record<string, number[]> = {
    bought: [1, 0, 0],
    purchased: [0.8, 0.6, 0],
    car: [0, 0, 1],
    house: [0, 1, 0],
  };
  const vectors: WordVectors = (w) => (table[w] ? Float32Array.from(table[w]!) : undefined);

  it('matches identical words fully and near-synonyms by cosine', () => {
    const r = softAlignment(v('she bought car'), v('she purchased car'), vectors, flat);
    // content words: she? ("she" is a function word) → bought (0.8), car (1)
    expect(r.mean).toBeCloseTo((0.8 + 1) / 2, 5);
    expect(r.unmatched).toBe(0);
  });

  it('counts words without a match as unmatched, IDF-weighted', () => {
    const idf = (w: string) => (w === 'house' ? 3 : 1);
    const r = softAlignment(v('car house'), v('car'), vectors, idf);
    expect(r.mean).toBeCloseTo(1 / 4, 5);
    expect(r.unmatched).toBeCloseTo(3 / 4, 5);
    expect(softAlignment(v('the'), v('car'), vectors, idf)).toEqual({ mean: 1, unmatched: 0 });
  });

  it('unknown words match only themselves', () => {
    expect(softAlignment(v('zorblax'), v('zorblax'), vectors, flat).mean).toBe(1);
    expect(softAlignment(v('zorblax'), v('car'), vectors, flat).mean).toBe(0);
  });
});

describe('pairFeatures', () => {
  const ctx = { semantic: 0.7, idf: flat, vectors: () => undefined };
  const a = v('Amrozi accused his brother of deliberately distorting his evidence in 2002.');
  const b = v(
    'Referring to him as only the witness, Amrozi accused his brother of distorting evidence.',
  );

  it('returns every named feature, finite, and passes semantic through', () => {
    const f = pairFeatures(a, b, ctx);
    expect(Object.keys(f)).toEqual([...PAIR_FEATURE_NAMES]);
    for (const n of PAIR_FEATURE_NAMES) expect(Number.isFinite(f[n])).toBe(true);
    expect(f.semantic).toBe(0.7);
    expect(f.lexical).toBeGreaterThan(0.3);
    expect(f.lexical).toBeLessThan(1);
    expect(f.numberMismatch).toBe(1);
    expect(f.hasNumbers).toBe(1);
  });

  it('is symmetric in the two passages', () => {
    expect(pairFeatures(b, a, ctx)).toEqual(pairFeatures(a, b, ctx));
  });

  it("gives the same features with the views' sets kept between calls, however few are kept", () => {
    const c = v('Amrozi denied the charge and said his brother had lied about the evidence.');
    const pairs = [
      [a, b],
      [b, c],
      [a, c],
      [c, a],
      [a, b],
    ] as const;
    for (const capacity of [1, 2, 512]) {
      const derived = new DerivedViews(capacity);
      for (const [x, y] of pairs)
        expect(pairFeatures(x, y, { ...ctx, derived })).toEqual(pairFeatures(x, y, ctx));
    }
  });

  it('identical passages overlap fully on every channel', () => {
    const f = pairFeatures(a, a, ctx);
    for (const n of [
      'lexical',
      'contentDice',
      'containmentMin',
      'stemDice',
      'bigramDice',
      'precision1',
      'precision4',
      'charDice',
      'idfOverlap',
      'lengthRatio',
      'wordOrder',
      'softAlignMean',
      'softAlignMin',
    ] as const)
      expect(f[n]).toBeCloseTo(1, 9);
    for (const n of ['numberMismatch', 'nameMismatch', 'negationMismatch', 'unmatchedMax'] as const)
      expect(f[n]).toBe(0);
  });
});
