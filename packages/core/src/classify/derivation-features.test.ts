import { describe, expect, it } from 'vitest';
import { alignStories } from '../align/index.js';
import { storyView } from '../../test/helpers/stories.js';
import { DERIVATION_FEATURE_NAMES, derivationFeatures } from './derivation-features.js';
import { derivationProbability, loadDerivationModel } from './derivation-model.js';
import { isDerived } from './classify.js';

const SOURCE = [
  'Harbour officials in Telmar said on Monday that the main crane had failed after a storm damaged its motor.',
  'Engineers expect repairs to take at least three weeks, and cargo ships have been sent to the smaller port of Brisa.',
  'The port director said the harbour would reopen to small boats on Thursday.',
];
const OTHER = [
  'A new library opened in the old town hall, with a reading room for children.',
  'Volunteers catalogued twelve thousand books donated by residents over the winter.',
];

/** A trimmed copy and an unrelated story, each aligned with SOURCE. */
function alignedPairs() {
  return [
    [SOURCE, SOURCE.slice(0, 2)],
    [SOURCE, OTHER],
  ].map(([x, y]) => {
    const a = storyView('a', [...x!]);
    const b = storyView('b', [...y!]);
    return { a, b, sentences: alignStories(a, b) };
  });
}

function features(x: string[], y: string[]) {
  const a = storyView('a', x);
  const b = storyView('b', y);
  return derivationFeatures({ a, b, sentences: alignStories(a, b) });
}

describe('derivationFeatures', () => {
  it('gives every named feature, finite, for aligned and unaligned pairs alike', () => {
    for (const f of [features(SOURCE, SOURCE.slice(0, 2)), features(SOURCE, OTHER)]) {
      expect(Object.keys(f).sort()).toEqual([...DERIVATION_FEATURE_NAMES].sort());
      for (const v of Object.values(f)) expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("gives the rule cascade's verdict as cascadeRule (stacking)", () => {
    for (const { a, b, sentences } of alignedPairs()) {
      const f = derivationFeatures({ a, b, sentences });
      const rule = isDerived(sentences, a.units.length, b.units.length) ? 1 : 0;
      expect(f.cascadeRule).toBe(rule);
      expect(f.sentenceRule).toBe(rule);
      expect(f.paragraphRule).toBe(0);
    }
    expect(features(SOURCE, SOURCE.slice(0, 2)).cascadeRule).toBe(1);
  });

  it('leaves the costly features no reader needs uncomputed, and P(derived) the same', () => {
    const model = loadDerivationModel();
    const reads = model.features.filter((_, i) => model.weights[i] !== 0);
    for (const { a, b, sentences } of alignedPairs()) {
      const all = derivationFeatures({ a, b, sentences });
      const some = derivationFeatures({ a, b, sentences, reads });
      for (const name of reads)
        expect(some[name as keyof typeof some], name).toBe(all[name as keyof typeof all]);
      if (!reads.includes('words3Max')) expect(some.words3Max).toBeNaN();
      expect(derivationProbability(model, some)).toBe(derivationProbability(model, all));
    }
  });

  it('reads a trimmed copy as contained, and an unrelated story as not', () => {
    const copy = features(SOURCE, SOURCE.slice(0, 2));
    expect(copy.words5Max).toBe(1);
    expect(copy.chars5Max).toBe(1);
    expect(copy.words5Min).toBeLessThan(1);
    expect(copy.runLength).toBeCloseTo(Math.log1p(2));
    const other = features(SOURCE, OTHER);
    expect(other.words5Max).toBe(0);
    expect(other.coverageMax).toBe(0);
  });

  it('finds a reused passage inside rewritten text, and none between unrelated stories', () => {
    const rewritten = [
      'Storm damage closed the harbour at Telmar this week, officials confirmed.',
      SOURCE[1]!,
      'Small boats may return on Thursday.',
    ];
    const reused = features(SOURCE, rewritten);
    expect(reused.passageCoverMax).toBeGreaterThan(0.4);
    expect(reused.passageLongest).toBeGreaterThanOrEqual(Math.log1p(8));
    expect(reused.charPassageCoverMax).toBeGreaterThan(0.4);
    const other = features(SOURCE, OTHER);
    expect(other.passageCoverMax).toBe(0);
    expect(other.passageLongest).toBe(0);
  });

  it('counts shared prose, not shared names, numbers and quotations', () => {
    // Another outlet's report of the same event: the same names, number and
    // quotation, its own sentences around them.
    const independent = [
      'Cargo bound for Telmar is going to Brisa for now, after a gale wrecked its biggest lifting gear.',
      'A spokesman added: "The harbour would reopen to small boats on Thursday."',
    ];
    const quoted = [
      SOURCE[0]!,
      'The port director said: "The harbour would reopen to small boats on Thursday."',
    ];
    const report = features(quoted, independent);
    expect(report.words1Max).toBeGreaterThan(0);
    expect(report.prose2Max).toBe(0);
    expect(report.proseRunShare).toBe(0);
    const copy = features(SOURCE, SOURCE.slice(0, 2));
    expect(copy.prose2Max).toBe(1);
    expect(copy.prose1Max).toBe(1);
    expect(copy.proseAligned).toBeGreaterThan(0.9);
    expect(copy.proseRunShare).toBeGreaterThan(0.9);
    const other = features(SOURCE, OTHER);
    expect(other.prose2Max).toBe(0);
    expect(other.proseAligned).toBe(0);
  });

  it('reads a spun copy by its skeleton, which an independent report does not share', () => {
    // A spinner's rewrite: content words swapped for synonyms, the function
    // words, names, numbers, word order and sentence order kept.
    const spun = [
      'Port authorities in Telmar stated on Monday that the principal hoist had broken after a gale harmed its engine.',
      'Technicians anticipate mending to last at least three weeks, and freight vessels have been directed to the lesser harbour of Brisa.',
      'The dock chief stated the port would reopen to little craft on Thursday.',
    ];
    // Another outlet's report of the same event: the same facts in its own sentences.
    const independent = [
      'Ships bound for Telmar are going to Brisa for three weeks.',
      'A gale on Monday wrecked the motor of the crane, the biggest in the harbour, officials said, and small boats may only come back on Thursday when repairs allow it.',
    ];
    const copy = features(SOURCE, spun);
    const report = features(SOURCE, independent);
    expect(copy.words5Max).toBeLessThan(0.1);
    expect(copy.skeleton4Max).toBeGreaterThan(0.4);
    expect(copy.skeleton4Max).toBeGreaterThan(2 * report.skeleton4Max);
    expect(copy.sentenceOrder).toBe(1);
    expect(copy.sentenceLength).toBeGreaterThan(0.8);
    expect(copy.sentenceMarks).toBe(1);
    expect(copy.sentenceFrame).toBeGreaterThan(0.6);
    expect(report.sentenceOrder).toBeLessThan(0.6);
    expect(report.sentenceFrame).toBeLessThan(copy.sentenceFrame / 2);
    const other = features(SOURCE, OTHER);
    expect(other.sentenceOrder).toBe(0);
  });

  it('is symmetric', () => {
    expect(features(SOURCE.slice(0, 2), SOURCE)).toEqual(features(SOURCE, SOURCE.slice(0, 2)));
    expect(features(OTHER, SOURCE)).toEqual(features(SOURCE, OTHER));
  });
});

describe('derivationProbability', () => {
  it('scores the features through a logistic model', () => {
    const names = [...DERIVATION_FEATURE_NAMES];
    const model = {
      header: {},
      features: names,
      mean: names.map(() => 0),
      std: names.map(() => 1),
      weights: names.map((n) => (n === 'words5Max' ? 4 : 0)),
      bias: -2,
    };
    const copy = derivationProbability(model, features(SOURCE, SOURCE.slice(0, 2)));
    const other = derivationProbability(model, features(SOURCE, OTHER));
    expect(copy).toBeCloseTo(1 / (1 + Math.exp(-2)));
    expect(other).toBeCloseTo(1 / (1 + Math.exp(2)));
  });
});
