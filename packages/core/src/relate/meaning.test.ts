/**
 * The relation's paraphrase score, P(same meaning) from the fitted
 * paraphrase model: it changes no verdict and no other score, it ranks a
 * faithful copy above one that changes what is said, and it is the model's
 * own probability for a copy of one sentence. Runs the stages with a
 * bag-of-words encoder, so no word vectors are loaded.
 */
import { describe, expect, it } from 'vitest';
import { bagOfWordsEncoder } from '../../test/helpers/stories.js';
import { collapseCopies, corpusCandidates } from '../ann/index.js';
import { embedStories } from '../embed/index.js';
import { relate } from './relate.js';
import { relateInput } from './relate-input.js';
import type { RelateResult } from './types.js';
import { segmentCorpus } from '../segment/index.js';
import type { IngestedDoc } from '../types.js';
import { scoreMeaning } from './meaning.js';
import {
  idfTable,
  loadParaphraseModel,
  pairFeatures,
  paraphraseProbability,
  sentenceView,
} from '../compare/index.js';

const encoder = bagOfWordsEncoder;

const ORIGINAL = [
  'The harbour board voted on Tuesday to close the old north pier for repairs after divers found cracked pilings beneath the ferry landing.',
  'Ferry services will move to the south quay for six weeks, and the board said passengers should allow an extra twenty minutes for the walk.',
  'Engineers expect the repairs to cost about four million pounds, which the board plans to cover from its reserve fund rather than raise fees.',
  'The pier was built in 1911 and last repaired in 1987, when a storm tore away part of its deck.',
];
/** The same paragraphs, each saying something else with most of the same words. */
const ALTERED = [
  'The harbour board voted on Friday not to close the old north pier for repairs after divers found no cracked pilings beneath the ferry landing.',
  'Ferry services will not move to the south quay for nine weeks, and the board said passengers should allow an extra five minutes for the walk.',
  'Engineers expect the repairs to cost about nine million pounds, which the board plans to cover by raising fees rather than from its reserve fund.',
  'The pier was built in 1923 and last repaired in 1999, when a fire tore away part of its deck.',
];

const doc = (id: string, paragraphs: readonly string[], published: string): IngestedDoc => ({
  id,
  path: `${id}.txt`,
  format: 'txt',
  text: [`Pier to close for repairs`, ...paragraphs].join('\n\n'),
  meta: { title: null, publisher: null, published, byline: null, url: null },
});

async function stages(docs: readonly IngestedDoc[]) {
  const segmented = segmentCorpus(docs, {});
  const stories = segmented.flatMap((d) => d.stories);
  const embedded = await embedStories(stories, { encoder });
  const copyOf = collapseCopies(
    embedded.stories.map((e) => e.story),
    { maxPartners: 8, pagePublished: () => null },
  );
  const candidates = corpusCandidates(embedded, { maxPartners: 8, copyOf });
  const related = relate({ ...relateInput(segmented, embedded, candidates), copyOf });
  return { embedded, related };
}

/** Everything of a relate result but the paraphrase score. */
function withoutParaphrase(r: RelateResult): unknown {
  return r.derived.map((d) => ({
    ...d,
    forward: { ...d.forward, scores: { ...d.forward.scores, paraphrase: undefined } },
    backward: { ...d.backward, scores: { ...d.backward.scores, paraphrase: undefined } },
  }));
}

/** A wire story, its verbatim copy and an altered copy, a day apart each. */
function wireCopyAltered() {
  return [
    doc('wire', ORIGINAL, '2024-05-01'),
    doc('copy', ORIGINAL, '2024-05-02'),
    doc('altered', ALTERED, '2024-05-03'),
  ];
}

describe('scoreMeaning', () => {
  it('sets only the paraphrase score, a probability, on every derived pair', async () => {
    const { embedded, related } = await stages(wireCopyAltered());
    expect(related.derived.length).toBeGreaterThan(0);
    const scored = scoreMeaning(related, embedded);
    expect(withoutParaphrase(scored)).toEqual(withoutParaphrase(related));
    expect(scored.nonDerived).toEqual(related.nonDerived);
    for (const d of scored.derived)
      for (const o of [d.forward, d.backward]) {
        expect(o.scores.paraphrase).toBeGreaterThan(0);
        expect(o.scores.paraphrase).toBeLessThanOrEqual(1);
        expect(o.scores.rewording).toBeCloseTo(o.scores.semantic * (1 - o.scores.lexical), 2);
      }
  });

  it('scores a subset of the pairs as it scores them among all, and leaves the others as they were', async () => {
    const { embedded, related } = await stages(wireCopyAltered());
    expect(related.derived.length).toBeGreaterThan(1);
    const all = scoreMeaning(related, embedded);
    const touchesCopy = (p: { a: string; b: string }) => p.a === 'copy#1' || p.b === 'copy#1';
    const some = scoreMeaning(related, embedded, undefined, touchesCopy);
    expect(some.derived.some(touchesCopy)).toBe(true);
    expect(some.derived.some((p) => !touchesCopy(p))).toBe(true);
    related.derived.forEach((p, i) =>
      expect(some.derived[i]).toEqual(touchesCopy(p) ? all.derived[i] : p),
    );
  });

  it('rates a verbatim copy as keeping its meaning more than a copy that changes what it says', async () => {
    const { embedded, related } = await stages(wireCopyAltered());
    const scored = scoreMeaning(related, embedded);
    const p = (x: string, y: string) => {
      const d = scored.derived.find((r) => [r.a, r.b].sort().join(' ') === [x, y].sort().join(' '));
      return d?.forward.scores.paraphrase;
    };
    const verbatim = p('wire#1', 'copy#1');
    const altered = p('wire#1', 'altered#1') ?? p('copy#1', 'altered#1');
    expect(verbatim).toBeDefined();
    expect(altered).toBeDefined();
    expect(verbatim!).toBeGreaterThan(altered!);
  });

  it("gives a one-sentence verbatim copy the model's own probability for that sentence against itself", async () => {
    const sentence = ORIGINAL[0]!;
    const { embedded, related } = await stages([
      doc('wire', [sentence], '2024-05-01'),
      doc('copy', [sentence], '2024-05-02'),
    ]);
    const scored = scoreMeaning(related, embedded);
    const pair = scored.derived[0];
    expect(pair).toBeDefined();
    // Every sentence the pair aligns is the same on both sides; the IDF is
    // taken over the distinct aligned sentences, as scoreMeaning does.
    const sentences = embedded.stories[0]!.sentences.filter((s) =>
      pair!.forward.alignment.some((m) => m.parentParagraph === s.paragraph),
    );
    const views = [...new Set(sentences.map((s) => s.text))].map((t) => sentenceView(t));
    const idf = idfTable(views);
    const model = loadParaphraseModel();
    let sum = 0;
    let weight = 0;
    for (const v of views) {
      const p = paraphraseProbability(
        model,
        pairFeatures(v, v, { semantic: 1, idf, vectors: () => undefined }),
      );
      sum += v.words.length * p;
      weight += v.words.length;
    }
    expect(pair!.forward.scores.paraphrase).toBeCloseTo(sum / weight, 3);
  });
});
