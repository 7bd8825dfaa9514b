import { describe, expect, it } from 'vitest';
import { checkPaths, describeValue } from './args.js';
import { CoreError } from './errors.js';
import * as core from './index.js';
import { fixtureReport } from '../test/helpers/report.js';

/** Calls core the way plain JavaScript can: any value for any argument. */
const js = core as unknown as Record<string, (...args: unknown[]) => unknown>;
const call =
  (fn: string, ...args: unknown[]) =>
  () =>
    js[fn]!(...args);

const doc = { id: 'a', path: 'a.txt', format: 'txt', text: 'One.\n\nTwo.', meta: {} };
const view = core.sentenceView('Rain fell on Port Ellis.');
const model = core.parseParaphraseModel({
  features: ['semantic'],
  mean: [0],
  std: [1],
  weights: [1],
  bias: 0,
});

/** [what is wrong, the call, the argument its message must name]. */
const cases: [string, () => unknown, string][] = [
  [
    'splitSentencesByRule paragraph: a number',
    call('splitSentencesByRule', 1),
    'splitSentencesByRule: paragraph',
  ],
  ['analyze paths: a number', call('analyze', 5), 'analyze: paths'],
  ['analyze paths: null', call('analyze', null), 'analyze: paths'],
  ['analyze paths: a number inside', call('analyze', ['a', 1]), 'analyze: paths'],
  ['analyze options: a string', call('analyze', ['a'], 'strict'), 'analyze: options'],
  [
    'analyze options.maxPartners: negative',
    call('analyze', ['a'], { maxPartners: -1 }),
    'analyze: options.maxPartners',
  ],
  [
    'analyze options.docTimeoutMs: negative',
    call('analyze', ['a'], { docTimeoutMs: -1 }),
    'analyze: options.docTimeoutMs',
  ],
  [
    'runPipeline options.docTimeoutMs: NaN',
    call('runPipeline', ['a'], { docTimeoutMs: Number.NaN }),
    'runPipeline: options.docTimeoutMs',
  ],
  [
    'runPipeline options.docTimeoutMs: "30s"',
    call('runPipeline', ['a'], { docTimeoutMs: '30s' }),
    'runPipeline: options.docTimeoutMs',
  ],
  [
    'segmentCorpusWithBudget opts.timeoutMs: 0',
    call('segmentCorpusWithBudget', [doc], { timeoutMs: 0 }),
    'segmentCorpusWithBudget: opts.timeoutMs',
  ],
  [
    'analyze options.onEvent: a string',
    call('analyze', ['a'], { onEvent: 'log' }),
    'analyze: options.onEvent',
  ],
  ['runPipeline paths: an object', call('runPipeline', {}), 'runPipeline: paths'],
  [
    'runPipeline options.backend: unknown',
    call('runPipeline', ['a'], { backend: 'gpu' }),
    'runPipeline: options.backend',
  ],
  [
    'runPipeline options.input: negative maxBytes',
    call('runPipeline', ['a'], { input: { maxBytes: -1 } }),
    'runPipeline: options.input.maxBytes',
  ],
  // A size limit that is not a size must not switch the limit off.
  [
    'analyze options.input.maxBytes: NaN',
    call('analyze', ['a'], { input: { maxBytes: Number.NaN } }),
    'analyze: options.input.maxBytes',
  ],
  [
    'analyze options.input.maxBytes: "1kB"',
    call('analyze', ['a'], { input: { maxBytes: '1kB' } }),
    'analyze: options.input.maxBytes',
  ],
  [
    'runPipeline options.input.timeoutMs: Infinity',
    call('runPipeline', ['a'], { input: { timeoutMs: Infinity } }),
    'runPipeline: options.input.timeoutMs',
  ],
  [
    'runPipeline options.input.fields: null',
    call('runPipeline', ['a'], { input: { fields: null } }),
    'runPipeline: options.input.fields',
  ],
  [
    'analyze options.input: null',
    call('analyze', ['a'], { input: null }),
    'analyze: options.input',
  ],
  [
    'ingest opts.maxBytes: NaN',
    call('ingest', ['a'], { maxBytes: Number.NaN }),
    'ingest: opts.maxBytes',
  ],
  [
    'ingest opts.maxBytes: "1kB"',
    call('ingest', ['a'], { maxBytes: '1kB' }),
    'ingest: opts.maxBytes',
  ],
  [
    'ingest opts.docTimeoutMs: zero',
    call('ingest', ['a'], { docTimeoutMs: 0 }),
    'ingest: opts.docTimeoutMs',
  ],
  ['ingest opts: null', call('ingest', ['a'], null), 'ingest: opts'],
  ['analyze options: null', call('analyze', ['a'], null), 'analyze: options'],
  ['runPipeline options: null', call('runPipeline', ['a'], null), 'runPipeline: options'],
  ['analyze paths: [42]', call('analyze', [42]), 'analyze: paths'],
  [
    'runPipeline options.strict: a string',
    call('runPipeline', ['a'], { strict: 'yes' }),
    'runPipeline: options.strict',
  ],
  ['buildForest report: a string', call('buildForest', 'report'), 'buildForest: report'],
  ['unlinkedStories report: null', call('unlinkedStories', null), 'unlinkedStories: report'],
  [
    'loadGloveTable opts.cacheDir: a number',
    call('loadGloveTable', { cacheDir: 1 }),
    'loadGloveTable: opts.cacheDir',
  ],
  ['sanitizeMultiline text: a number', call('sanitizeMultiline', 3), 'sanitizeMultiline: text'],
  ['findQuotations text: null', call('findQuotations', null), 'findQuotations: text'],
  ['withoutQuotations text: an array', call('withoutQuotations', ['x']), 'withoutQuotations: text'],
  [
    'sharedQuotations stories: a string',
    call('sharedQuotations', 'a#1'),
    'sharedQuotations: stories',
  ],
  [
    'sharedQuotations options.minWords: 0',
    call('sharedQuotations', [], { minWords: 0 }),
    'sharedQuotations: options.minWords',
  ],
  ['isStopword word: a number', call('isStopword', 1), 'isStopword: word'],
  ['mulberry32 seed: a string', call('mulberry32', '1'), 'mulberry32: seed'],
  ['seededRandom seed: null', call('seededRandom', null), 'seededRandom: seed'],
  ['seededOpenUnit seed: NaN', call('seededOpenUnit', Number.NaN), 'seededOpenUnit: seed'],
  ['fnv1a text: a number', call('fnv1a', 42), 'fnv1a: text'],
  ['formatBytes n: negative', call('formatBytes', -1), 'formatBytes: n'],
  ['formatBytes n: a string', call('formatBytes', '5'), 'formatBytes: n'],
  ['parseBytes value: null', call('parseBytes', null), 'parseBytes: value'],
  ['ingest inputs: a string', call('ingest', 'pages/'), 'ingest: inputs'],
  ['ingest inputs: null', call('ingest', null), 'ingest: inputs'],
  ['ingest inputs: a number inside', call('ingest', ['a', 3]), 'ingest: inputs'],
  ['ingest opts: a string', call('ingest', ['a'], 'strict'), 'ingest: opts'],
  [
    'ingest opts.maxBytes: negative',
    call('ingest', ['a'], { maxBytes: -1 }),
    'ingest: opts.maxBytes',
  ],
  [
    'ingest opts.maxBytes: a string',
    call('ingest', ['a'], { maxBytes: '50MB' }),
    'ingest: opts.maxBytes',
  ],
  [
    'ingest opts.timeoutMs: zero',
    call('ingest', ['a'], { timeoutMs: 0 }),
    'ingest: opts.timeoutMs',
  ],
  [
    'ingest opts.onWarning: a string',
    call('ingest', ['a'], { onWarning: 'log' }),
    'ingest: opts.onWarning',
  ],
  [
    'ingest opts.include: a string',
    call('ingest', ['a'], { include: '*.html' }),
    'ingest: opts.include',
  ],
  [
    'ingest opts.fields: numbers',
    call('ingest', ['a'], { fields: { text: 1 } }),
    'ingest: opts.fields',
  ],
  ['ingest opts.stdin: a string', call('ingest', ['-'], { stdin: 'text' }), 'ingest: opts.stdin'],
  ['extractHtml html: null', call('extractHtml', null), 'extractHtml: html'],
  [
    'readabilityText html: a Buffer',
    call('readabilityText', Buffer.from('<p>')),
    'readabilityText: html',
  ],
  ['dotString value: a number', call('dotString', 1), 'dotString: value'],
  ['escapeHtmlText value: undefined', call('escapeHtmlText'), 'escapeHtmlText: value'],
  ['escapeMarkdown value: null', call('escapeMarkdown', null), 'escapeMarkdown: value'],
  ['stripControl text: an object', call('stripControl', {}), 'stripControl: text'],
  ['toOneLine text: a number', call('toOneLine', 1), 'toOneLine: text'],
  ['inputKindOf file: a number', call('inputKindOf', 1), 'inputKindOf: file'],
  ['showInvisible text: null', call('showInvisible', null), 'showInvisible: text'],
  ['renderJson report: a string', call('renderJson', '{}'), 'renderJson: report'],
  ['renderDot report: null', call('renderDot', null), 'renderDot: report'],
  ['renderCsv report: null', call('renderCsv', null), 'renderCsv: report'],
  ['renderNewick report: a string', call('renderNewick', 'report'), 'renderNewick: report'],
  ['storyLabel story: null', call('storyLabel', null), 'storyLabel: story'],
  [
    'storyLabel story.title: a number',
    call('storyLabel', { id: 'a#1', title: 1 }),
    'storyLabel: story',
  ],
  ['renderGraphml report: null', call('renderGraphml', null), 'renderGraphml: report'],
  [
    'renderGraphml options.independent: a string',
    call('renderGraphml', fixtureReport, { independent: 'yes' }),
    'renderGraphml: options.independent',
  ],
  [
    'renderDot options.independent: a number',
    call('renderDot', fixtureReport, { independent: 1 }),
    'renderDot: options.independent',
  ],
  [
    'renderDot options.maxTitle: negative',
    call('renderDot', fixtureReport, { maxTitle: -5 }),
    'renderDot: options.maxTitle',
  ],
  [
    'renderDot options.graphName: a number',
    call('renderDot', fixtureReport, { graphName: 7 }),
    'renderDot: options.graphName',
  ],
  [
    'renderHtml report: an analysis result',
    call('renderHtml', { report: fixtureReport }),
    'renderHtml: report',
  ],
  [
    'renderHtml options.title: a number',
    call('renderHtml', fixtureReport, { title: 1 }),
    'renderHtml: options.title',
  ],
  [
    'renderMarkdown options: a string',
    call('renderMarkdown', fixtureReport, 'title'),
    'renderMarkdown: options',
  ],
  [
    'validateReport subject: a number',
    call('validateReport', fixtureReport, 3),
    'validateReport: subject',
  ],
  ['sentenceView text: null', call('sentenceView', null), 'sentenceView: text'],
  ['pairFeatures a: a string', call('pairFeatures', 'x', view, {}), 'pairFeatures: a'],
  [
    'pairFeatures ctx: no idf',
    call('pairFeatures', view, view, { semantic: 0.5, vectors: () => undefined }),
    'pairFeatures: ctx',
  ],
  [
    'paraphraseProbability model: null',
    call('paraphraseProbability', null, {}),
    'paraphraseProbability: model',
  ],
  [
    'paraphraseProbability features: a number',
    call('paraphraseProbability', model, 1),
    'paraphraseProbability: features',
  ],
  [
    'parseParaphraseModel source: a number',
    call('parseParaphraseModel', {}, 1),
    'parseParaphraseModel: source',
  ],
  [
    'loadParaphraseModel file: a number',
    call('loadParaphraseModel', 1),
    'loadParaphraseModel: file',
  ],
  [
    'logisticProbability features: a number',
    call('logisticProbability', model, 1),
    'logisticProbability: features',
  ],
  [
    'derivationProbability model: null',
    call('derivationProbability', null, {}),
    'derivationProbability: model',
  ],
  ['derivationCut model: null', call('derivationCut', null), 'derivationCut: model'],
  [
    'loadDerivationModel file: a number',
    call('loadDerivationModel', 1),
    'loadDerivationModel: file',
  ],
  [
    'extentMeasures input: a child that is not a list',
    call('extentMeasures', { parent: ['a'], child: 'b' }),
    'extentMeasures: input',
  ],
  ['extentVerdict model: null', call('extentVerdict', null, {}), 'extentVerdict: model'],
  ['loadExtentModel file: a number', call('loadExtentModel', 1), 'loadExtentModel: file'],
  [
    'derivationFeatures input: a story without units',
    call('derivationFeatures', { a: {}, b: {}, sentences: {} }),
    'derivationFeatures: input',
  ],
  ['comparePassages pairs: a string', call('comparePassages', 'a b'), 'comparePassages: pairs'],
  [
    'comparePassages pairs: a pair missing b',
    call('comparePassages', [{ a: 'x' }]),
    'comparePassages: pairs',
  ],
  [
    'comparePassages options.backend: unknown',
    call('comparePassages', [], { backend: 'gpu' }),
    'comparePassages: options.backend',
  ],
  [
    'comparePassages options.onNotice: true',
    call('comparePassages', [], { onNotice: true }),
    'comparePassages: options.onNotice',
  ],
  [
    'comparePassageFeatures pairs: null',
    call('comparePassageFeatures', null),
    'comparePassageFeatures: pairs',
  ],
  [
    'comparePassageFeatures options.semanticWeight: a string',
    call('comparePassageFeatures', [], { semanticWeight: '0.6' }),
    'comparePassageFeatures: options.semanticWeight',
  ],
  ['segment doc: a string', call('segment', 'text'), 'segment: doc'],
  ['segment doc: no text', call('segment', { ...doc, text: undefined }), 'segment: doc'],
  [
    'segment opts.minWords: negative',
    call('segment', doc, { minWords: -1 }),
    'segment: opts.minWords',
  ],
  [
    'segment opts.boilerplate: an array',
    call('segment', doc, { boilerplate: ['x'] }),
    'segment: opts.boilerplate',
  ],
  ['segmentCorpus docs: one doc', call('segmentCorpus', doc), 'segmentCorpus: docs'],
  [
    'segmentCorpus opts.minDocs: zero',
    call('segmentCorpus', [doc], { minDocs: 0 }),
    'segmentCorpus: opts.minDocs',
  ],
  [
    'segmentCorpus opts.onProgress: a number',
    call('segmentCorpus', [doc], { onProgress: 1 }),
    'segmentCorpus: opts.onProgress',
  ],
  ['indexAdd dir: a number', call('indexAdd', 1, ['a']), 'indexAdd: dir'],
  ['indexAdd paths: null', call('indexAdd', 'idx', null), 'indexAdd: paths'],
  [
    'indexAdd options.strict: a string',
    call('indexAdd', 'idx', ['a'], { strict: 'yes' }),
    'indexAdd: options.strict',
  ],
  ['indexRemove dir: null', call('indexRemove', null, ['a']), 'indexRemove: dir'],
  ['indexRemove ids: a string', call('indexRemove', 'idx', 'a'), 'indexRemove: ids'],
  ['indexStats dir: an array', call('indexStats', ['idx']), 'indexStats: dir'],
  ['indexVerify dir: a number', call('indexVerify', 5), 'indexVerify: dir'],
  ['indexRecall dir: a number', call('indexRecall', 5), 'indexRecall: dir'],
  ['indexRecall options.k: zero', call('indexRecall', 'idx', { k: 0 }), 'indexRecall: options.k'],
  ['indexRepair dir: undefined', call('indexRepair', undefined), 'indexRepair: dir'],
  ['analyzeIndex dir: a number', call('analyzeIndex', 1), 'analyzeIndex: dir'],
  [
    'analyzeIndex options.maxPartners: zero',
    call('analyzeIndex', 'idx', { maxPartners: 0 }),
    'analyzeIndex: options.maxPartners',
  ],
  ['storedIndexReport dir: a number', call('storedIndexReport', 7), 'storedIndexReport: dir'],
  [
    'storedIndexReport options.includeText: a string',
    call('storedIndexReport', 'idx', { includeText: 'yes' }),
    'storedIndexReport: options.includeText',
  ],
  ['queryIndex dir: null', call('queryIndex', null, 'page.txt'), 'queryIndex: dir'],
  ['queryIndex page: a number', call('queryIndex', 'idx', 3), 'queryIndex: page'],
  [
    'queryIndex options.candidates: -1',
    call('queryIndex', 'idx', 'page.txt', { candidates: -1 }),
    'queryIndex: options.candidates',
  ],
  ['openIndexReader dir: a number', call('openIndexReader', 7), 'openIndexReader: dir'],
  [
    'openIndexReader options.k: zero',
    call('openIndexReader', 'idx', { k: 0 }),
    'openIndexReader: options.k',
  ],
  ['openIndexSession dir: a number', call('openIndexSession', 7), 'openIndexSession: dir'],
  [
    'openIndexSession options.candidates: zero',
    call('openIndexSession', 'idx', { candidates: 0 }),
    'openIndexSession: options.candidates',
  ],
  ['renderQueryJson result: a string', call('renderQueryJson', 'x'), 'renderQueryJson: result'],
  [
    'renderQueryMarkdown result: null',
    call('renderQueryMarkdown', null),
    'renderQueryMarkdown: result',
  ],
  ['wordDiff parent: a number', call('wordDiff', 1, 'b'), 'wordDiff: parent'],
  ['wordDiff child: null', call('wordDiff', 'a', null), 'wordDiff: child'],
];

/** Exports without arguments to check, and those the pipeline's owner checks (with checkPaths). */
const unchecked = new Set([
  'loadReportSchema',
  'defaultModelPath',
  'defaultDerivationModelPath',
  'defaultExtentModelPath',
  'CoreError',
  // A class built without arguments; extentMeasures checks what it is given.
  'ExtentCache',
]);
/** Moving out of core (another package will own their checks). */
const generate = new Set([
  'defaultSpec',
  'generateCorpus',
  'generateFamily',
  'loadSeedArticles',
  'truthOf',
  'writeBatch',
]);

/** The error a call throws or rejects with. */
async function errorOf(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('public core functions given wrong argument types', () => {
  it.each(cases)('%s: CoreError INVALID_ARGUMENT naming it', async (_, run, subject) => {
    const error = await errorOf(run);
    expect(CoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT', subject });
    expect((error as Error).message).toMatch(
      new RegExp(`^${subject.replace('.', '\\.')} must be .+, got .+`),
    );
  });

  it('covers every exported function', () => {
    const tested = new Set(cases.map(([, , subject]) => subject.split(':')[0]!));
    const functions = Object.keys(core).filter((name) => typeof js[name] === 'function');
    expect(
      functions.filter((f) => !tested.has(f) && !unchecked.has(f) && !generate.has(f)),
    ).toEqual([]);
  });

  it('says what was expected and what came', async () => {
    const error = (await errorOf(call('ingest', ['a'], { maxBytes: -1 }))) as Error;
    expect(error.message).toBe(
      'ingest: opts.maxBytes must be a positive integer, got a number (-1)',
    );
    const inside = (await errorOf(call('ingest', ['a', null]))) as Error;
    expect(inside.message).toBe('ingest: inputs must be an array of strings, got null at index 1');
  });

  it('accepts what the signatures allow: defaults, undefined options, unknown fields', () => {
    expect(core.formatBytes(0)).toBe('0 bytes');
    expect(core.parseBytes('2kB')).toBe(2000);
    expect(core.toOneLine('a\nb')).toBe('a b');
    expect(core.renderDot(fixtureReport, { maxTitle: undefined })).toContain('digraph');
    expect(
      core.segment(doc as core.IngestedDoc, { someFutureOption: 1 } as core.SegmentOptions),
    ).toBeDefined();
    expect(core.mulberry32(1)()).toBe(core.mulberry32(1)());
  });

  it('keeps RangeError for a malformed size (the CLI words it as --max-bytes)', () => {
    expect(() => core.parseBytes('lots')).toThrow(RangeError);
  });
});

describe('options that are not options', () => {
  it.each([
    [
      'maxBytes beside input, not in it',
      call('analyze', ['a'], { maxBytes: Number.NaN }),
      'analyze: options.maxBytes',
      /not an option here; did you mean options\.input\.maxBytes\?/,
    ],
    [
      'a misspelt runPipeline option',
      call('runPipeline', ['a'], { stict: true }),
      'runPipeline: options.stict',
      /the options are onEvent, backend, .*strict/,
    ],
    [
      'onWarning in runPipeline input (events carry warnings)',
      call('runPipeline', ['a'], { input: { onWarning: () => undefined } }),
      'runPipeline: options.input.onWarning',
      /did you mean options\.onEvent\?/,
    ],
    [
      "docTimeoutMs in runPipeline input (the budget is the run's)",
      call('runPipeline', ['a'], { input: { docTimeoutMs: 1000 } }),
      'runPipeline: options.input.docTimeoutMs',
      /did you mean options\.docTimeoutMs\?/,
    ],
    [
      'a misspelt ingest option',
      call('ingest', ['a'], { maxbytes: 1000 }),
      'ingest: opts.maxbytes',
      /not an option here/,
    ],
    [
      'an unknown corpus field',
      call('ingest', ['a'], { fields: { body: 'text' } }),
      'ingest: opts.fields.body',
      /the options are id, text, html, url, title, published, publisher/,
    ],
    [
      'an empty field name',
      call('analyze', ['a'], { input: { fields: { text: '' } } }),
      'analyze: options.input.fields.text',
      /an empty field name/,
    ],
  ])('%s: CoreError INVALID_OPTION naming it', async (_name, run, subject, message) => {
    const error = await errorOf(run);
    expect(CoreError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_OPTION', subject });
    expect((error as Error).message).toMatch(message);
  });

  it('lets keys set to undefined through', async () => {
    const error = await errorOf(call('ingest', [], { future: undefined }));
    expect(error).toMatchObject({ code: 'NO_DOCUMENTS' });
  });
});

describe('checkPaths (for analyze and runPipeline)', () => {
  it('takes one path string as a list of one', () => {
    expect(checkPaths('pages/', 'analyze')).toEqual(['pages/']);
  });

  it('takes an array of strings as it is', () => {
    const paths = ['a', 'b'];
    expect(checkPaths(paths, 'analyze')).toBe(paths);
    expect(checkPaths([], 'analyze')).toEqual([]);
  });

  it.each([
    [5, 'a number (5)'],
    [null, 'null'],
    [undefined, 'undefined'],
    [{ path: 'a' }, 'an object'],
    [['a', 1], 'a number (1) at index 1'],
  ])('refuses %j, naming the function and the argument', (paths, got) => {
    expect(() => checkPaths(paths, 'analyze')).toThrow(
      `analyze: paths must be an array of strings or a single path string, got ${got}`,
    );
  });
});

describe('describeValue', () => {
  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [[], 'an array'],
    ['', 'a string'],
    [-1, 'a number (-1)'],
    [true, 'a boolean (true)'],
    [new Set(), 'a Set'],
    [{}, 'an object'],
    [() => 1, 'a function'],
  ])('%j → %s', (value, text) => {
    expect(describeValue(value)).toBe(text);
  });
});
