/*
 * A hand-made AnalysisResult for the TUI's tests and for trying components
 * without running the pipeline. Invented stories, invented scores.
 *
 *   wire#1 "Storm floods coastal towns"      (root, 3 children of different kinds)
 *   ├─ herald#1    verbatim
 *   │  └─ digest#1 edited
 *   ├─ blog#1      spun
 *   └─ portal#1    paraphrase
 *   hidden:1 (not in corpus)
 *   ├─ siteA#1     edited
 *   └─ siteB#1     paraphrase
 *   singletons: reuters#1, recipes#1, sports#1
 *   independent: wire#1 <-> reuters#1
 */
import type {
  AnalysisResult,
  PairScores,
  PipelineEvent,
  Relation,
  RelationKind,
  Report,
  ReportDocument,
  Story,
} from '@stemma/core';

function story(
  id: string,
  title: string | null,
  paragraphs: readonly string[],
  extra: Partial<Story> = {},
): Story {
  let offset = 0;
  return {
    id,
    docId: id.split('#')[0] ?? id,
    title,
    byline: null,
    published: '2024-03-14',
    attribution: [],
    source: null,
    outlets: [],
    credits: [],
    names: [],
    language: null,
    paragraphs: paragraphs.map((text, index) => {
      const start = offset;
      offset += text.length + 2;
      return { index, text, start, end: start + text.length };
    }),
    ...extra,
  };
}

function relation(
  parent: string,
  child: string,
  kind: RelationKind,
  confidence: number,
  scores: PairScores,
  alignment: readonly (readonly [number, number, number, number])[],
  evidence: readonly string[] = ['parent published earlier', 'child paragraphs are a subset'],
): Relation {
  return {
    parent,
    child,
    kind,
    confidence,
    scores,
    alignment: alignment.map(([parentParagraph, childParagraph, semantic, lexical]) => ({
      parentParagraph,
      childParagraph,
      semantic,
      lexical,
    })),
    evidence,
  };
}

const wire = story(
  'wire#1',
  'Storm floods coastal towns, thousands evacuated',
  [
    'Heavy rain and a tidal surge flooded three coastal towns on Thursday, forcing more than 4,000 residents from their homes.',
    'Emergency crews used boats to reach people trapped on rooftops in Port Ellis, the hardest-hit town, officials said.',
    'The regional weather service said the storm would weaken over the weekend but warned of further flooding near rivers.',
    '"We have not seen water this high in forty years," said Mayor Ana Ruiz.',
  ],
  { byline: 'By Sam Ortega', attribution: ['PORT ELLIS (Wire) —'], source: 'Wire' },
);

const herald = story('herald#1', 'Storm floods coastal towns, thousands evacuated', [
  'Heavy rain and a tidal surge flooded three coastal towns on Thursday, forcing more than 4,000 residents from their homes.',
  'Emergency crews used boats to reach people trapped on rooftops in Port Ellis, the hardest-hit town, officials said.',
  '"We have not seen water this high in forty years," said Mayor Ana Ruiz.',
]);

const digest = story('digest#1', 'Storm forces 4,000 from homes', [
  'Heavy rain and a tidal surge flooded three coastal towns Thursday, forcing over 4,000 people from their homes.',
  'Crews used boats to reach residents stranded on rooftops in Port Ellis.',
]);

const blog = story('blog#1', 'You will not BELIEVE what the sea did to Port Ellis', [
  'Picture this: your whole street underwater by breakfast. That was Thursday for thousands of coastal residents.',
  'Rescue teams in boats plucked people off their roofs in Port Ellis, which took the worst of it.',
  'Forecasters reckon things calm down by the weekend, but rivers could still burst.',
]);

const portal = story('portal#1', 'Thousands flee as floodwaters rise', [
  'More than four thousand people left their homes after rain and a storm surge swamped three towns on the coast.',
  'In Port Ellis, the worst affected, rescuers reached stranded residents by boat.',
]);

const siteA = story('siteA#1', 'Rail strike halts commuter lines', [
  'Commuter trains across the northern network stopped running on Monday as drivers began a 48-hour strike over pay.',
  'The operator said replacement buses would run on the busiest routes.',
]);

const siteB = story('siteB#1', 'Commuters stranded as train drivers walk out', [
  'Train drivers on the northern network walked out on Monday, bringing commuter services to a halt for two days.',
  'Buses will replace trains on some of the busiest routes, the operator said.',
]);

const reuters = story('reuters#1', 'Coastal flooding: residents describe night of rising water', [
  'Residents of Port Ellis described wading through waist-deep water to reach higher ground overnight.',
  'Shop owner Lena Park said she lost most of her stock.',
]);

const recipes = story('recipes#1', 'Five soups for a rainy week', ['Start with a good stock.']);

const sports = story('sports#1', 'Harbour FC snatch late win', [
  'A stoppage-time header gave Harbour FC a 2-1 win.',
]);

const stories: readonly Story[] = [
  wire,
  herald,
  digest,
  blog,
  portal,
  siteA,
  siteB,
  reuters,
  recipes,
  sports,
];

const relations: readonly Relation[] = [
  relation(
    'wire#1',
    'herald#1',
    'verbatim',
    0.97,
    { semantic: 0.99, lexical: 0.98, coverage: 1, paraphrase: 0.98, rewording: 0.02 },
    [
      [0, 0, 1, 1],
      [1, 1, 1, 1],
      [3, 2, 1, 1],
    ],
  ),
  relation(
    'herald#1',
    'digest#1',
    'edited',
    0.88,
    { semantic: 0.95, lexical: 0.71, coverage: 1, paraphrase: 0.91, rewording: 0.28 },
    [
      [0, 0, 0.97, 0.82],
      [1, 1, 0.93, 0.6],
    ],
  ),
  relation(
    'wire#1',
    'blog#1',
    'spun',
    0.81,
    { semantic: 0.84, lexical: 0.5, coverage: 1, paraphrase: 0.74, rewording: 0.42 },
    [
      [0, 0, 0.79, 0.31],
      [1, 1, 0.88, 0.45],
      [2, 2, 0.85, 0.22],
    ],
  ),
  relation(
    'wire#1',
    'portal#1',
    'paraphrase',
    0.76,
    { semantic: 0.9, lexical: 0.2, coverage: 1, paraphrase: 0.83, rewording: 0.72 },
    [
      [0, 0, 0.91, 0.24],
      [1, 1, 0.89, 0.16],
    ],
  ),
  relation(
    'hidden:1',
    'siteA#1',
    'edited',
    0.64,
    { semantic: 0.9, lexical: 0.55, coverage: 1, paraphrase: 0.79, rewording: 0.4 },
    [
      [0, 0, 0.9, 0.55],
      [1, 1, 0.9, 0.55],
    ],
    ['two stories share wording with each other but neither has every fact'],
  ),
  relation(
    'hidden:1',
    'siteB#1',
    'paraphrase',
    0.6,
    { semantic: 0.88, lexical: 0.25, coverage: 1, paraphrase: 0.81, rewording: 0.66 },
    [
      [0, 0, 0.88, 0.25],
      [1, 1, 0.88, 0.25],
    ],
    ['two stories share wording with each other but neither has every fact'],
  ),
];

function documents(): readonly ReportDocument[] {
  return stories.map((s) => ({
    id: s.docId,
    path: `/corpus/${s.docId}.html`,
    title: s.title,
    publisher: null,
    published: s.published,
    stories: [
      {
        id: s.id,
        title: s.title,
        byline: s.byline,
        published: s.published,
        attribution: s.attribution,
        paragraphCount: s.paragraphs.length,
        excerpt: s.paragraphs[0]?.text.slice(0, 80) ?? '',
      },
    ],
  }));
}

/** The fixture report; `overrides` replaces top-level fields (e.g. warnings). */
export function fixtureReport(overrides: Partial<Report> = {}): Report {
  return {
    schemaVersion: 2,
    generator: { name: 'stemma', version: '0.1.0' },
    encoder: { name: 'fixture', dimensions: 4, backend: 'cpu' },
    documents: documents(),
    relations,
    independent: [
      {
        a: 'wire#1',
        b: 'reuters#1',
        reason: 'same event, different facts and quotes; no paragraph aligned',
      },
    ],
    lineage: [
      { root: 'wire#1', members: ['wire#1', 'herald#1', 'digest#1', 'blog#1', 'portal#1'] },
      { root: 'hidden:1', members: ['hidden:1', 'siteA#1', 'siteB#1'] },
      { root: 'reuters#1', members: ['reuters#1'] },
      { root: 'recipes#1', members: ['recipes#1'] },
      { root: 'sports#1', members: ['sports#1'] },
    ],
    hidden: [
      {
        id: 'hidden:1',
        children: ['siteA#1', 'siteB#1'],
        reason: 'siblings share text that neither could have taken from the other',
      },
    ],
    warnings: ['/corpus/broken.html: is empty or holds only whitespace; nothing to analyse'],
    ...overrides,
  };
}

/**
 * The fixture as an AnalysisResult. `retitle` replaces story titles by id,
 * e.g. to plant an escape-sequence payload.
 */
export function fixtureResult(
  options: { readonly retitle?: Readonly<Record<string, string>> } = {},
): AnalysisResult {
  const retitle = options.retitle ?? {};
  const map = new Map<string, Story>();
  for (const s of stories) {
    map.set(s.id, Object.hasOwn(retitle, s.id) ? { ...s, title: retitle[s.id] ?? null } : s);
  }
  return { report: fixtureReport(), stories: map };
}

/** A plausible run's events, up to the middle of the embed stage. */
export const fixtureEvents: readonly PipelineEvent[] = [
  { type: 'stage-start', stage: 'ingest', total: 11 },
  {
    type: 'warning',
    message: '/corpus/broken.html: is empty or holds only whitespace; nothing to analyse',
  },
  { type: 'stage-end', stage: 'ingest', ms: 42, items: 10 },
  { type: 'stage-start', stage: 'segment', total: 10 },
  { type: 'stage-end', stage: 'segment', ms: 17, items: 10 },
  { type: 'stage-start', stage: 'embed', total: 120 },
  { type: 'stage-progress', stage: 'embed', done: 30, total: 120 },
  { type: 'stage-progress', stage: 'embed', done: 45, total: 120 },
];
