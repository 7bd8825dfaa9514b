/**
 * A synthetic news corpus for benchmarks: families of articles, each an
 * original with a few derived copies (verbatim, cut, word-swapped), written
 * from a seeded random generator so every run measures the same corpus.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGloveTable, seededRandom } from '@stemma/core';

/** Topic words when no vocabulary is given (the benchmark passes the GloVe vocabulary). */
const FALLBACK_POOL = [
  'council',
  'ministry',
  'company',
  'union',
  'mayor',
  'police',
  'court',
  'residents',
  'engineers',
  'agency',
  'board',
  'investors',
  'hospital',
  'school',
  'farmers',
  'budget',
  'bridge',
  'merger',
  'flood',
  'election',
  'tax',
  'housing',
  'water',
  'rail',
  'harbour',
  'grain',
  'clinic',
  'strike',
  'power',
  'review',
  'approve',
  'delay',
  'fund',
  'cancel',
  'expand',
  'protest',
  'report',
  'contract',
  'lease',
  'timetable',
];

const TAILS = [
  'on Monday',
  'after a long debate',
  'despite protests',
  'for the second time this year',
  'without explanation',
  'in a short statement',
  'after months of talks',
  'to the surprise of many',
  'under public pressure',
  'at a packed meeting',
];
const SWAPS: Record<string, string> = {
  announced: 'declared',
  rejected: 'spurned',
  approved: 'sanctioned',
  delayed: 'deferred',
  criticised: 'censured',
  defended: 'championed',
  new: 'novel',
  long: 'lengthy',
  short: 'brief',
  many: 'numerous',
  meeting: 'assembly',
  statement: 'declaration',
  months: 'moons',
  protests: 'objections',
};
const PLACES = [
  'Arnhold',
  'Belmere',
  'Corvale',
  'Dunmoor',
  'Eastwick',
  'Farrow',
  'Glenbury',
  'Halden',
  'Iverly',
  'Jessop',
  'Kirkwall',
  'Lowther',
];
const NAMES = [
  'Anna Reyes',
  'Boris Lund',
  'Clara Voss',
  'David Okoro',
  'Elena Marsh',
  'Felix Brandt',
  'Greta Holm',
  'Hugo Stein',
  'Iris Kaya',
  'Jonas Petrov',
];

/**
 * Topic words from the GloVe vocabulary (ranks 300–30 000, plain words), so
 * stories differ in subject matter the way real news does.
 */
export function gloveTopicPool(): string[] {
  const { table } = loadGloveTable();
  const pool: string[] = [];
  for (let r = 300; r < Math.min(30_000, table.count); r++) {
    const w = table.word(r);
    if (/^[a-z]{4,}$/.test(w)) pool.push(w);
  }
  return pool;
}

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

/** Sentence skeletons; {w} slots take topic words. */
const SKELETONS = [
  'The {w} of {P} said on {D} that the {w} would {w} the {w} before the end of the {w}.',
  '{N} told reporters that the {w} had been {w} after a {w} with the {w} in {P}.',
  'According to the {w}, more than {n} {w} were affected by the {w} and the {w}.',
  'Officials in {P} have not said whether the {w} will {w} the {w} next {w}.',
  '"We will {w} the {w} as soon as the {w} allows it," {N} said.',
  'The {w} comes after months of {w} over the {w} and its {w} on local {w}.',
  'Critics of the {w} argue that the {w} could {w} the {w} for years.',
  'A {w} for the {w} said it was {w} the {w} and would {w} a {w} on {D}.',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

function sentence(
  rnd: () => number,
  topic: readonly string[],
  place: string,
  person: string,
): string {
  return pick(rnd, SKELETONS).replace(/\{(w|P|N|D|n)\}/g, (_, k: string) => {
    if (k === 'w') return pick(rnd, topic);
    if (k === 'P') return place;
    if (k === 'N') return person;
    if (k === 'D') return pick(rnd, DAYS);
    return String(2 + Math.floor(rnd() * 900));
  });
}

export interface SyntheticArticle {
  readonly name: string;
  readonly format: 'txt' | 'html';
  readonly content: string;
}

function article(
  rnd: () => number,
  k: number,
  pool: readonly string[],
): { title: string; paragraphs: string[]; date: string } {
  const place = `${pick(rnd, PLACES)}${k % 7 === 0 ? '' : ` ${pick(rnd, PLACES)}`}`;
  const person = pick(rnd, NAMES);
  // Each story has its own subject matter: 40 words drawn from a large pool.
  const topic = Array.from({ length: 40 }, () => pick(rnd, pool));
  const n = 8 + Math.floor(rnd() * 12);
  const paragraphs = Array.from({ length: n }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 3) }, () =>
      sentence(rnd, topic, place, person),
    ).join(' '),
  );
  const day = 1 + (k % 27);
  return {
    title: `${place}: ${pick(rnd, topic)} ${pick(rnd, topic)} ${pick(rnd, TAILS)}`,
    paragraphs,
    date: `2024-03-${String(day).padStart(2, '0')}`,
  };
}

function asText(title: string, date: string, paragraphs: readonly string[]): string {
  return `${title}\nBy Staff Writer\n${date}\n\n${paragraphs.join('\n\n')}\n`;
}

function asHtml(title: string, date: string, paragraphs: readonly string[]): string {
  const body = paragraphs
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
  return `<!doctype html><html><head><title>${title}</title><meta property="article:published_time" content="${date}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${title}</h1><p class="byline">By Staff Writer</p>\n${body}</article><footer>Copyright 2024</footer></body></html>`;
}

/**
 * Generates `originals` families: each original plus 0–3 copies.
 * Deterministic for a given seed.
 */
export function* syntheticCorpus(
  originals: number,
  seed = 1,
  pool: readonly string[] = FALLBACK_POOL,
): Generator<SyntheticArticle> {
  const rnd = seededRandom(seed);
  for (let k = 0; k < originals; k++) {
    const a = article(rnd, k, pool);
    const html = rnd() < 0.3;
    yield {
      name: `a${k}`,
      format: html ? 'html' : 'txt',
      content: html ? asHtml(a.title, a.date, a.paragraphs) : asText(a.title, a.date, a.paragraphs),
    };
    const copies = Math.floor(rnd() * 4);
    for (let c = 0; c < copies; c++) {
      const mode = pick(rnd, ['verbatim', 'cut', 'swap'] as const);
      let paras = a.paragraphs;
      if (mode === 'cut') paras = paras.filter(() => rnd() > 0.3);
      if (mode === 'swap')
        paras = paras.map((p) =>
          p.replace(/\b\w+\b/g, (w) => (SWAPS[w] && rnd() < 0.7 ? SWAPS[w]! : w)),
        );
      yield {
        name: `a${k}-c${c}`,
        format: 'txt',
        content: asText(`${a.title} (${mode})`, a.date, paras),
      };
    }
  }
}

/** Writes the corpus into a folder; returns the number of files and bytes. */
export function writeSyntheticCorpus(
  dir: string,
  originals: number,
  seed = 1,
  pool?: readonly string[],
): { files: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (const a of syntheticCorpus(originals, seed, pool)) {
    writeFileSync(join(dir, `${a.name}.${a.format}`), a.content);
    files++;
    bytes += Buffer.byteLength(a.content);
  }
  return { files, bytes };
}
