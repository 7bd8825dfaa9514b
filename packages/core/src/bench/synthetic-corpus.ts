/**
 * A synthetic news corpus for benchmarks: families of articles, each an
 * original with a few derived copies (verbatim, cut, word-swapped), written
 * from a seeded random generator so every run measures the same corpus.
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let t = seed >>> 0;
  return () => {
    t = (t + 0x6d2b79f5) >>> 0;
    let r = Math.imul(t ^ (t >>> 15), 1 | t);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
}

const SUBJECTS = ['the council', 'the ministry', 'the company', 'the union', 'the mayor', 'police', 'the court', 'residents', 'engineers', 'the agency', 'officials', 'the board', 'investors', 'the hospital', 'the school', 'farmers'];
const VERBS = ['announced', 'rejected', 'approved', 'delayed', 'criticised', 'defended', 'reviewed', 'expanded', 'cancelled', 'funded', 'investigated', 'postponed', 'welcomed', 'questioned', 'proposed', 'reported'];
const OBJECTS = ['a new budget', 'the bridge repairs', 'the merger', 'a pay offer', 'the flood plan', 'the election result', 'a tax on fuel', 'the housing project', 'the water contract', 'the rail timetable', 'a safety review', 'the harbour lease', 'the grain prices', 'the clinic closure', 'a transport strike', 'the power outage'];
const TAILS = ['on Monday', 'after a long debate', 'despite protests', 'for the second time this year', 'without explanation', 'in a short statement', 'after months of talks', 'to the surprise of many', 'under public pressure', 'at a packed meeting'];
const SWAPS: Record<string, string> = { announced: 'declared', rejected: 'spurned', approved: 'sanctioned', delayed: 'deferred', criticised: 'censured', defended: 'championed', new: 'novel', long: 'lengthy', short: 'brief', many: 'numerous', meeting: 'assembly', statement: 'declaration', months: 'moons', protests: 'objections' };
const PLACES = ['Arnhold', 'Belmere', 'Corvale', 'Dunmoor', 'Eastwick', 'Farrow', 'Glenbury', 'Halden', 'Iverly', 'Jessop', 'Kirkwall', 'Lowther'];
const NAMES = ['Anna Reyes', 'Boris Lund', 'Clara Voss', 'David Okoro', 'Elena Marsh', 'Felix Brandt', 'Greta Holm', 'Hugo Stein', 'Iris Kaya', 'Jonas Petrov'];

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)]!;
}

function sentence(rnd: () => number, place: string, person: string): string {
  const s = `${pick(rnd, SUBJECTS)} in ${place} ${pick(rnd, VERBS)} ${pick(rnd, OBJECTS)} ${pick(rnd, TAILS)}`;
  const withQuote = rnd() < 0.25 ? `, and ${person} said "${pick(rnd, OBJECTS)} ${pick(rnd, TAILS)}"` : '';
  return `${s[0]!.toUpperCase()}${s.slice(1)}${withQuote}.`;
}

export interface SyntheticArticle {
  readonly name: string;
  readonly format: 'txt' | 'html';
  readonly content: string;
}

function article(rnd: () => number, k: number): { title: string; paragraphs: string[]; date: string } {
  const place = pick(rnd, PLACES);
  const person = pick(rnd, NAMES);
  const n = 8 + Math.floor(rnd() * 12);
  const paragraphs = Array.from({ length: n }, () =>
    Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => sentence(rnd, place, person)).join(' '),
  );
  const day = 1 + (k % 27);
  return { title: `${place}: ${pick(rnd, OBJECTS)} ${pick(rnd, TAILS)}`, paragraphs, date: `2024-03-${String(day).padStart(2, '0')}` };
}

function asText(title: string, date: string, paragraphs: readonly string[]): string {
  return `${title}\nBy Staff Writer\n${date}\n\n${paragraphs.join('\n\n')}\n`;
}

function asHtml(title: string, date: string, paragraphs: readonly string[]): string {
  const body = paragraphs.map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`).join('\n');
  return `<!doctype html><html><head><title>${title}</title><meta property="article:published_time" content="${date}"></head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>${title}</h1><p class="byline">By Staff Writer</p>\n${body}</article><footer>Copyright 2024</footer></body></html>`;
}

/**
 * Generates `originals` families: each original plus 0–3 copies.
 * Deterministic for a given seed.
 */
export function* syntheticCorpus(originals: number, seed = 1): Generator<SyntheticArticle> {
  const rnd = seededRandom(seed);
  for (let k = 0; k < originals; k++) {
    const a = article(rnd, k);
    const html = rnd() < 0.3;
    yield { name: `a${k}`, format: html ? 'html' : 'txt', content: html ? asHtml(a.title, a.date, a.paragraphs) : asText(a.title, a.date, a.paragraphs) };
    const copies = Math.floor(rnd() * 4);
    for (let c = 0; c < copies; c++) {
      const mode = pick(rnd, ['verbatim', 'cut', 'swap'] as const);
      let paras = a.paragraphs;
      if (mode === 'cut') paras = paras.filter(() => rnd() > 0.3);
      if (mode === 'swap') paras = paras.map((p) => p.replace(/\b\w+\b/g, (w) => (SWAPS[w] && rnd() < 0.7 ? SWAPS[w]! : w)));
      yield { name: `a${k}-c${c}`, format: 'txt', content: asText(`${a.title} (${mode})`, a.date, paras) };
    }
  }
}

/** Writes the corpus into a folder; returns the number of files and bytes. */
export function writeSyntheticCorpus(dir: string, originals: number, seed = 1): { files: number; bytes: number } {
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let bytes = 0;
  for (const a of syntheticCorpus(originals, seed)) {
    writeFileSync(join(dir, `${a.name}.${a.format}`), a.content);
    files++;
    bytes += Buffer.byteLength(a.content);
  }
  return { files, bytes };
}
