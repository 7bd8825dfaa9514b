import { describe, expect, it } from 'vitest';
import { alignStories, paragraphFeatures } from '../align/index.js';
import { storyView } from '../../test/helpers/stories.js';
import { classifyKind, isDerived, orient } from './classify.js';
import { changeProfile, editDistance, nameVariants } from './transform.js';

const ORIGINAL = [
  'Harbour officials in Telmar said on Monday that the main crane had failed after a storm damaged its motor.',
  'The port director, Anselm Kovik, told reporters: "This is a serious setback for every shipping line that relies on us."',
  'Engineers expect repairs to take at least three weeks, and cargo ships have been sent to the smaller port of Brisa.',
  'Mayor Yelena Stroud said the city would "do everything in its power to get the cranes working again before the harvest."',
];
// Spun: content words swapped in place, quotations spun too, names intact.
const SPUN = [
  'Harbour functionaries in Telmar stated on Monday that the principal crane had collapsed after a tempest harmed its engine.',
  'The port director, Anselm Kovik, informed journalists: "This is a grave reversal for every transport line that depends on us."',
  'Technicians anticipate fixes to take at least three weeks, and freight vessels have been dispatched to the lesser port of Brisa.',
  'Mayor Yelena Stroud stated the metropolis would "do everything in its capacity to get the cranes functioning again before the reaping."',
];
// Paraphrase: new wording, quotations kept word for word.
const PARAPHRASE = [
  "A storm knocked out the motor of Telmar's main harbour crane, port officials announced at the start of the week.",
  'Anselm Kovik, who runs the port, described it as "a serious setback for every shipping line that relies on us."',
  'Fixing it will take three weeks or more, engineers believe, so cargo traffic is being diverted to Brisa, a smaller harbour.',
  'The city would "do everything in its power to get the cranes working again before the harvest," Mayor Yelena Stroud promised.',
];
// Translated: function words and order changed, names respelled.
const TRANSLATED = [
  'The officials of the harbour of Telmar said Monday that the principal crane has failed after that a storm has damaged the motor.',
  'The director of the port, Anselm Kovic, said to the reporters: "It is a serious setback for all the shipping lines that count on us."',
  'The engineers expect that the repairs take at least three weeks, and the cargo ships were sent toward the small port of Brissa.',
  'The mayor Jelena Stroud said that the city will "make all in its power for that the cranes work again before the harvest."',
];

function pair(parent: string[], child: string[]) {
  const a = storyView('p', parent);
  const b = storyView('c', child);
  const al = alignStories(a, b, { threshold: 0.35 });
  return { al, oriented: orient(al, true, a, b) };
}

describe('classifyKind', () => {
  it('calls an identical copy verbatim', () => {
    expect(classifyKind(pair(ORIGINAL, ORIGINAL).oriented).kind).toBe('verbatim');
  });

  it('calls a copy that cuts one short paragraph, all else unchanged, edited', () => {
    // Coverage stays above the verbatim bars (0.9): only the cut tells.
    const parent = [...ORIGINAL, ...ORIGINAL.map((p) => p.replace('Telmar', 'Ostrand'))];
    parent.splice(4, 0, 'Trading resumed.');
    const child = parent.filter((_, i) => i !== 4);
    const { oriented } = pair(parent, child);
    expect(oriented.parentCoverage).toBeGreaterThanOrEqual(0.9);
    expect(oriented.paragraphsCut).toBe(1);
    expect(classifyKind(oriented).kind).toBe('edited');
    expect(classifyKind(pair(parent, parent).oriented).kind).toBe('verbatim');
  });

  it('calls a copy with a cut and a changed word edited', () => {
    const child = [ORIGINAL[0]!, ORIGINAL[1]!.replace('serious', 'grave'), ORIGINAL[3]!];
    const { oriented } = pair(ORIGINAL, child);
    expect(oriented.scores.coverage).toBe(1);
    expect(classifyKind(oriented).kind).toBe('edited');
  });

  it('calls a copy edited by the words its diff changes, not by its lexical similarity', () => {
    // A paraphrase of a paraphrase against its grandparent: the second
    // rewrite swapped synonyms back, so the units look alike (lexical 0.9)
    // while a tenth of the words differ, and few sentences are unchanged.
    const { oriented } = pair(ORIGINAL, PARAPHRASE);
    const profile = { ...oriented.profile, unchangedShare: 0.3, quotations: 2, quotationsKept: 2 };
    const scores = { ...oriented.scores, lexical: 0.9 };
    const rewritten = { ...oriented, scores, profile: { ...profile, kept: 90, changedParent: 10 } };
    expect(classifyKind(rewritten).kind).toBe('paraphrase');
    const light = { ...oriented, scores, profile: { ...profile, kept: 98, changedParent: 2 } };
    expect(classifyKind(light).kind).toBe('edited');
  });

  it('calls in-place synonym swaps that alter quotations spun', () => {
    const { oriented } = pair(ORIGINAL, SPUN);
    expect(oriented.scores.lexical).toBeLessThan(0.7);
    expect(oriented.profile.quotationsKept).toBe(0);
    expect(classifyKind(oriented).kind).toBe('spun');
  });

  it('calls a rewrite that keeps quotations a paraphrase', () => {
    const { oriented } = pair(ORIGINAL, PARAPHRASE);
    expect(oriented.profile.quotationsKept).toBe(oriented.profile.quotations);
    expect(classifyKind(oriented).kind).toBe('paraphrase');
  });

  it('calls a rewrite with respelled names translated', () => {
    const { oriented } = pair(ORIGINAL, TRANSLATED);
    const names = oriented.profile.nameVariants.map((v) => `${v.from}>${v.to}`);
    expect(names).toEqual(expect.arrayContaining(['Kovik>Kovic', 'Brisa>Brissa', 'Yelena>Jelena']));
    expect(classifyKind(oriented).kind).toBe('translated');
  });
});

describe('isDerived', () => {
  it('needs enough aligned paragraphs', () => {
    const { al } = pair(ORIGINAL, ORIGINAL);
    expect(isDerived(al, 4, 4)).toBe(true);
    expect(
      isDerived({ ...al, matches: al.matches.slice(0, 1), coverageA: 0.25, coverageB: 0.25 }, 4, 4),
    ).toBe(false);
  });
});

describe('transform helpers', () => {
  it('measures edit distance with an early exit', () => {
    expect(editDistance('Steven', 'Stephen')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyzxyz', 1)).toBe(2);
  });

  it('does not take inflections for respellings', () => {
    const a = paragraphFeatures('Russia and Ukraine met the Soviet envoy in Geneva.');
    const b = paragraphFeatures('Russian and Ukrainian envoys met the Soviets in Geneva.');
    expect(nameVariants(a, b)).toEqual([]);
  });

  it('counts one-for-one content-word substitutions', () => {
    const p = changeProfile(
      paragraphFeatures('The big storm damaged the old bridge on Friday.'),
      paragraphFeatures('The huge tempest damaged the ancient bridge on Friday.'),
    );
    expect(p.substitutions).toEqual(expect.arrayContaining([{ from: 'old', to: 'ancient' }]));
    expect(p.substituted).toBe(p.changedParent);
    expect(p.changedStopwords).toBe(0);
  });
});
