import type { Relation, Report, ReportStory } from '../../src/types.js';

/*
 * A hand-made report with invented outlets and stories, for renderer and
 * schema tests. It has one tree with a child of each kind (two levels deep),
 * a story with two parents, a tree under an inferred hidden source, independent pairs, a warning, and a
 * story whose title, byline and excerpt are hostile (HTML, Markdown, ANSI).
 */

/** Markup and escape sequences a scraped page could carry in a title. */
export const hostileTitle =
  'Breaking | <script>alert(1)</script> "><img src=x onerror=alert(2)> `rm -rf` [click](javascript:alert(3)) \u001B]0;pwned\u0007\u001B[31mred\u001B[0m';

function story(
  id: string,
  title: string | null,
  excerpt: string,
  extra: Partial<ReportStory> = {},
): ReportStory {
  return {
    id,
    title,
    byline: null,
    published: '2024-03-14',
    attribution: [],
    paragraphCount: 6,
    excerpt,
    ...extra,
  };
}

function relation(
  parent: string,
  child: string,
  kind: Relation['kind'],
  confidence: number,
  scores: [semantic: number, lexical: number, coverage: number],
  evidence: string[],
): Relation {
  const [semantic, lexical, coverage] = scores;
  return {
    parent,
    child,
    kind,
    confidence,
    scores: {
      semantic,
      lexical,
      coverage,
      // Fixture numbers: P(same meaning) would come from the paraphrase
      // model; the renderers only print it.
      paraphrase: Number((semantic * (1 - lexical)).toFixed(2)),
      rewording: Number((semantic * (1 - lexical)).toFixed(2)),
    },
    alignment: [
      { parentParagraph: 0, childParagraph: 0, semantic, lexical },
      {
        parentParagraph: 1,
        childParagraph: 2,
        semantic: semantic - 0.05,
        lexical: Math.max(0, lexical - 0.1),
      },
    ],
    evidence,
  };
}

export const fixtureReport: Report = {
  schemaVersion: 2,
  generator: { name: 'stemma', version: '0.1.0' },
  encoder: { name: 'glove-sif-100d', dimensions: 100, backend: 'cpu' },
  documents: [
    {
      id: 'wire',
      path: 'corpus/wire.txt',
      title: 'Harbour Wire',
      publisher: 'Harbour Wire Service',
      published: '2024-03-14',
      stories: [
        story(
          'wire#1',
          'Ferry strike halts crossings to Vell Island',
          'Ferry crews walked off the job at dawn on Thursday, halting all crossings to Vell Island.',
          {
            byline: 'By Ana Ruiz',
            attribution: ['PORT SALEN (HW) —'],
            outlet: 'Harbour Wire',
            label: 'Harbour Wire — Ferry strike halts crossings to Vell Island',
          },
        ),
      ],
    },
    {
      id: 'herald',
      path: 'corpus/herald.html',
      title: 'The Daily Herald',
      publisher: 'Daily Herald',
      published: '2024-03-15',
      stories: [
        story(
          'herald#1',
          'Ferry strike halts Vell crossings',
          'Ferry crews walked off the job on Thursday, halting crossings to Vell Island.',
          {
            attribution: ['Sourced from: Harbour Wire'],
            outlet: 'Harbour Wire via The Daily Herald',
          },
        ),
        story(
          'herald#2',
          'Council approves new library',
          'The town council voted 7-2 to fund a new library.',
        ),
      ],
    },
    {
      id: 'clicks',
      path: 'corpus/clicks.html',
      title: null,
      publisher: null,
      published: null,
      stories: [
        story(
          'clicks#1',
          hostileTitle,
          '<script>alert(4)</script> "><img src=x onerror=alert(5)> Boat workers stopped labour at sunrise | # not a heading',
          {
            byline: '<b>Staff</b> | `bot`',
            published: null,
          },
        ),
      ],
    },
    {
      id: 'gazette',
      path: 'corpus/gazette.md',
      title: 'Island Gazette',
      publisher: 'Island Gazette',
      published: '2024-03-16',
      stories: [
        story(
          'gazette#1',
          'Islanders stranded as ferry crews stop work',
          'Residents of Vell Island were left without a ferry service after crews stopped work.',
        ),
        story(
          'gazette#2',
          'Library plans move ahead',
          'Plans for a new town library moved ahead after a council vote.',
        ),
      ],
    },
    {
      id: 'courrier',
      path: 'corpus/courrier.txt',
      title: 'Le Courrier du Port',
      publisher: 'Le Courrier',
      published: '2024-03-15',
      stories: [
        story(
          'courrier#1',
          'Grève des ferries vers l’île de Vell',
          'Les équipages des ferries ont cessé le travail jeudi à l’aube.',
        ),
      ],
    },
    {
      id: 'mirror',
      path: 'corpus/mirror.txt',
      title: null,
      publisher: 'News Mirror',
      published: null,
      stories: [
        story(
          'mirror#1',
          'Ferry strike halts crossings to Vell Island',
          'Ferry crews walked off the job at dawn on Thursday, halting all crossings to Vell Island.',
        ),
      ],
    },
    {
      id: 'press',
      path: 'corpus/press.txt',
      title: null,
      publisher: null,
      published: null,
      stories: [
        story(
          'press#1',
          'Museum reopens after renovation',
          'The city museum reopens on Saturday after a two-year renovation.',
        ),
        story(
          'press#2',
          'City museum to reopen Saturday',
          'After two years of renovation the city museum will reopen on Saturday.',
        ),
      ],
    },
  ],
  relations: [
    relation(
      'wire#1',
      'herald#1',
      'edited',
      0.93,
      [0.97, 0.81, 1],
      ['herald#1 credits Harbour Wire', 'wire#1 published a day earlier'],
    ),
    relation(
      'wire#1',
      'courrier#1',
      'translated',
      0.77,
      [0.88, 0.04, 0.83],
      ['different language, same paragraph order'],
    ),
    relation(
      'herald#1',
      'clicks#1',
      'spun',
      0.81,
      [0.86, 0.28, 0.9],
      ['clicks#1 has no date; herald#1 is closer than wire#1'],
    ),
    relation(
      'herald#1',
      'gazette#1',
      'paraphrase',
      0.66,
      [0.79, 0.37, 0.67],
      ['gazette#1 adds two paragraphs of its own'],
    ),
    relation(
      'wire#1',
      'mirror#1',
      'verbatim',
      0.98,
      [1, 1, 1],
      ['identical text', 'mirror#1 names no source'],
    ),
    relation(
      'wire#1',
      'gazette#1',
      'paraphrase',
      0.41,
      [0.75, 0.3, 0.5],
      ['weaker second parent of gazette#1'],
    ),
    relation(
      'hidden:1',
      'press#1',
      'edited',
      0.71,
      [0.91, 0.62, 0.8],
      ['both share a quote not found elsewhere'],
    ),
    relation(
      'hidden:1',
      'press#2',
      'paraphrase',
      0.64,
      [0.84, 0.33, 0.75],
      ['both share a quote not found elsewhere'],
    ),
  ],
  independent: [
    {
      a: 'herald#2',
      b: 'gazette#2',
      reason: 'same event, no shared wording beyond the <vote count> & names',
    },
    { a: 'wire#1', b: 'press#1', reason: 'different topics | ignore' },
  ],
  lineage: [
    {
      root: 'wire#1',
      members: ['wire#1', 'herald#1', 'mirror#1', 'courrier#1', 'clicks#1', 'gazette#1'],
    },
    { root: 'hidden:1', members: ['hidden:1', 'press#1', 'press#2'] },
  ],
  hidden: [
    {
      id: 'hidden:1',
      children: ['press#1', 'press#2'],
      reason:
        'press#1 and press#2 share wording that neither could have taken from the other (likely a press release)',
    },
  ],
  warnings: [
    'corpus/empty.txt: is empty or holds only whitespace; nothing to analyse',
    'bell\u0007 and \u001B[2Jclear in a warning',
  ],
};
