import { describe, expect, it } from 'vitest';
import { paragraphFeatures } from '../align/index.js';
import { inferDirection, relate, type RelateStory, type StoryFacts } from '../relate/index.js';
import { storyView } from '../../test/helpers/stories.js';
import { buildLineage } from './index.js';

const ORIGINAL = [
  'The regional rail operator Nordbahn cancelled all trains between Osterby and Kell on Wednesday after a signal fire.',
  'About 40,000 commuters use the line every weekday, according to figures published by the transport ministry last year.',
  'Nordbahn spokeswoman Ilse Varga said the fire started in a cable duct near Kell station shortly after five in the morning.',
  '"We will not run a single train until every signal has been tested," Varga told reporters at the depot.',
  'Replacement buses will run every fifteen minutes, but passengers were warned to expect long queues.',
  'Police said there was no sign of sabotage, although investigators would examine the duct on Thursday.',
];
const EXTRA = [
  'Union leaders said the signal cabins had been understaffed for months before the fire.',
  'The ministry promised a report on the state of the line by the end of the month.',
  'A second fire, in a storage shed, was put out within minutes, the fire brigade said.',
];

function facts(id: string, published: string | null): StoryFacts {
  return { id, published, pagePublished: null, outlets: [], credits: [] };
}

function story(id: string, paragraphs: string[], published: string | null): RelateStory {
  return {
    ...storyView(id, paragraphs),
    facts: facts(id, published),
    names: new Set(['nordbahn', 'varga']),
  };
}

function run(stories: RelateStory[], candidates: [string, string][]) {
  const map = new Map(stories.map((s) => [s.id, s]));
  const rel = relate({ stories: map, candidates });
  return buildLineage({
    storyIds: stories.map((s) => s.id),
    pairs: rel.derived,
    facts: new Map(stories.map((s) => [s.id, s.facts])),
    sizes: new Map(stories.map((s) => [s.id, s.units.length])),
  });
}

describe('buildLineage', () => {
  it('puts the earliest of identical copies at the root and hangs the cut copy under it', () => {
    const orig = story('orig#1', ORIGINAL, '2025-03-01');
    const copy = story('agg#2', ORIGINAL, '2025-03-02');
    const cut = story(
      'cut#1',
      [ORIGINAL[0]!, ORIGINAL[2]!, ORIGINAL[3]!, ORIGINAL[4]!],
      '2025-03-03',
    );
    const res = run(
      [copy, cut, orig],
      [
        ['agg#2', 'orig#1'],
        ['cut#1', 'agg#2'],
        ['cut#1', 'orig#1'],
      ],
    );
    const edges = res.relations.map((r) => `${r.parent}>${r.child}:${r.kind}`).sort();
    expect(edges).toEqual(['orig#1>agg#2:verbatim', 'orig#1>cut#1:edited']);
    expect(res.trees.find((t) => t.members.length > 1)?.root).toBe('orig#1');
    expect(res.hidden).toEqual([]);
  });

  it('infers a hidden source when a mechanical copy carries text its parent lacks', () => {
    // A spun copy of a version of the story that held two paragraphs this one lacks.
    const spun = [
      'The provincial rail operator Nordbahn scrapped all trains between Osterby and Kell on Wednesday after a signal blaze.',
      'Roughly 40,000 commuters employ the line every weekday, according to numbers issued by the transport ministry last year.',
      'Nordbahn spokeswoman Ilse Varga stated the blaze began in a cable conduit near Kell station soon after five in the morning.',
      '"We will not operate a lone train until every signal has been checked," Varga informed journalists at the depot.',
      'Substitute coaches will operate every fifteen minutes, but travellers were cautioned to anticipate lengthy lines.',
      'Union chiefs stated the signal huts had been short-staffed for months before the blaze.',
      'The ministry vowed a dossier on the condition of the line by the close of the month.',
      'Constabulary stated there was no indication of sabotage, though detectives would inspect the conduit on Thursday.',
    ];
    const a = story('a#1', ORIGINAL, '2025-03-01');
    const b = story('b#1', spun, '2025-03-02');
    const res = run([a, b], [['a#1', 'b#1']]);
    const kinds = res.relations.map((r) => `${r.parent}>${r.child}:${r.kind}`).sort();
    expect(kinds).toEqual(['hidden:1>a#1:edited', 'hidden:1>b#1:spun']);
    expect(res.hidden).toHaveLength(1);
    expect(new Set(res.hidden[0]!.children)).toEqual(new Set(['a#1', 'b#1']));
    expect(res.trees[0]!.root).toBe('hidden:1');
  });

  it('hangs copies that each lack a paragraph the others carry under one hidden source', () => {
    // A lost version (ORIGINAL and two EXTRA paragraphs); each copy cuts one paragraph no other cuts.
    const lost = [...ORIGINAL, EXTRA[0]!, EXTRA[1]!];
    const without = (k: number) => lost.filter((_, i) => i !== k);
    const res = run(
      [
        story('a#1', without(2), '2025-03-02'),
        story('b#1', without(4), '2025-03-03'),
        story('c#1', without(6), '2025-03-04'),
      ],
      [
        ['a#1', 'b#1'],
        ['a#1', 'c#1'],
        ['b#1', 'c#1'],
      ],
    );
    expect(res.hidden).toHaveLength(1);
    expect(new Set(res.hidden[0]!.children)).toEqual(new Set(['a#1', 'b#1', 'c#1']));
    expect(res.relations.map((r) => r.parent)).toEqual(['hidden:1', 'hidden:1', 'hidden:1']);
    expect(res.hidden[0]!.reason).toMatch(/lacks/);
  });

  it('keeps a parent whose copy adds a paragraph no third version carries', () => {
    // b cuts a paragraph of a and adds one of its own; c copies a whole: a is their source.
    const a = story('a#1', ORIGINAL, '2025-03-01');
    const b = story('b#1', [...ORIGINAL.slice(0, 4), ORIGINAL[5]!, EXTRA[2]!], '2025-03-02');
    const c = story('c#1', ORIGINAL.slice(0, 5), '2025-03-03');
    const res = run(
      [a, b, c],
      [
        ['a#1', 'b#1'],
        ['a#1', 'c#1'],
        ['b#1', 'c#1'],
      ],
    );
    expect(res.hidden).toEqual([]);
    expect(res.relations.map((r) => `${r.parent}>${r.child}`).sort()).toEqual([
      'a#1>b#1',
      'a#1>c#1',
    ]);
  });

  it('folds a verbatim copy onto the earliest and draws the rest of the family from its readings', () => {
    /** The paragraphs with whole-word swaps made in them ([paragraph, from, to]). */
    const swap = (from: readonly string[], swaps: readonly [number, string, string][]) =>
      from.map((p, k) =>
        swaps.reduce((t, [at, x, y]) => (at === k ? t.replace(new RegExp(`\\b${x}\\b`), y) : t), p),
      );
    // d and e are copies of a lost copy of s that made three swaps; a is a copy of s.
    const lost = swap(ORIGINAL, [
      [0, 'cancelled', 'scrapped'],
      [1, 'weekday', 'workday'],
      [4, 'queues', 'lines'],
    ]);
    const texts: [string, string[], string][] = [
      ['s#1', ORIGINAL, '2025-03-01'],
      ['v#1', ORIGINAL, '2025-03-02'],
      [
        'a#1',
        swap(ORIGINAL, [
          [2, 'fire', 'blaze'],
          [3, 'reporters', 'journalists'],
          [5, 'examine', 'inspect'],
        ]),
        '2025-03-03',
      ],
      [
        'd#1',
        swap(lost, [
          [2, 'started', 'began'],
          [3, 'tested', 'checked'],
          [5, 'sign', 'indication'],
        ]),
        '2025-03-05',
      ],
      [
        'e#1',
        swap(lost, [
          [0, 'regional', 'provincial'],
          [2, 'shortly', 'soon'],
          [4, 'warned', 'cautioned'],
        ]),
        '2025-03-06',
      ],
    ];
    const stories = texts.map(([id, paragraphs, date]) => story(id, paragraphs, date));
    const ids = stories.map((x) => x.id);
    const rel = relate({
      stories: new Map(stories.map((x) => [x.id, x])),
      candidates: ids.flatMap((x, i) => ids.slice(i + 1).map((y): [string, string] => [x, y])),
    });
    const res = buildLineage({
      storyIds: ids,
      pairs: rel.derived,
      facts: new Map(stories.map((x) => [x.id, x.facts])),
      sizes: new Map(stories.map((x) => [x.id, x.units.length])),
      texts: new Map(texts.map(([id, paragraphs]) => [id, paragraphs.join('\n')])),
    });
    const edges = res.relations.map((r) => `${r.parent}>${r.child}`).sort();
    expect(edges).toEqual(['hidden:1>d#1', 'hidden:1>e#1', 's#1>a#1', 's#1>hidden:1', 's#1>v#1']);
    expect(res.relations.find((r) => r.child === 'v#1')?.kind).toBe('verbatim');
    // Drawn from the readings, not by similarity.
    expect(
      res.relations.find((r) => r.child === 'a#1')?.evidence.some((e) => e.startsWith('readings:')),
    ).toBe(true);
    expect(new Set(res.hidden[0]!.children)).toEqual(new Set(['d#1', 'e#1']));
  });

  it('leaves unrelated stories as singleton trees', () => {
    const res = run([story('x#1', ORIGINAL, null), story('y#1', EXTRA, null)], [['x#1', 'y#1']]);
    expect(res.relations).toEqual([]);
    expect(res.trees.map((t) => t.members)).toEqual([['x#1'], ['y#1']]);
  });
});

describe('inferDirection', () => {
  const al = { a: 'a', b: 'b', matches: [], coverageA: 0.5, coverageB: 1, inOrderShare: 1 };
  const none = () => 0;
  it('reads containment, dates and rarity as votes for the same side', () => {
    const v = inferDirection({
      a: facts('a', '2024-01-01'),
      b: facts('b', '2024-02-01'),
      alignment: al,
      substitutions: [
        { from: 'big', to: 'colossal' },
        { from: 'said', to: 'declared' },
        { from: 'car', to: 'automobile' },
      ],
      quotesOnlyA: [],
      quotesOnlyB: [],
      quoteWitnesses: none,
      rank: (w) =>
        ({ big: 300, colossal: 20000, said: 10, declared: 5000, car: 800, automobile: 9000 })[w],
    });
    expect(v.pAB).toBeGreaterThan(0.95);
    expect(v.evidence.map((e) => e.text.split(':')[0])).toEqual(
      expect.arrayContaining(['story dates', 'containment', 'word rarity']),
    );
  });

  it('trusts the wording other stories witness', () => {
    const v = inferDirection({
      a: facts('a', null),
      b: facts('b', null),
      alignment: { ...al, coverageA: 1 },
      substitutions: [],
      quotesOnlyA: ['a colossal mistake'],
      quotesOnlyB: ['a tremendous blunder'],
      quoteWitnesses: (q) => (q === 'a colossal mistake' ? 2 : 0),
    });
    expect(v.pAB).toBeGreaterThan(0.5);
    expect(v.evidence[0]!.text).toMatch(/^witnesses/);
  });

  it('is undecided without evidence', () => {
    const v = inferDirection({
      a: facts('a', null),
      b: facts('b', null),
      alignment: { ...al, coverageA: 1 },
      substitutions: [],
      quotesOnlyA: [],
      quotesOnlyB: [],
      quoteWitnesses: none,
    });
    expect(v.pAB).toBe(0.5);
    expect(v.evidence).toEqual([]);
  });
});

describe('paragraphFeatures', () => {
  it('reads quotations of at least three words', () => {
    expect(paragraphFeatures('He said "no" and then "we will see about that."').quotations).toEqual(
      ['we will see about that'],
    );
  });
});
