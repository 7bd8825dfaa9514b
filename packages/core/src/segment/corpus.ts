/**
 * Corpus-level boilerplate: lines a site prints on every page (a section
 * name, a footer, a sign-off) repeat across documents that are otherwise
 * unrelated. Copies of one story also repeat lines, so a line counts as
 * boilerplate only when it stands in enough documents that share no
 * paragraph with each other.
 */
import { expectArrayOf, expectOptions, rules } from '../args.js';
import type { IngestedDoc, SegmentedDoc } from '../types.js';
import { lineKey, toUnits, type Unit } from './lines.js';
import { docRule, segmentOptionRules, segmentUnits } from './segment.js';
import type { SegmentOptions } from './types.js';

/** Line kinds that may be site furniture; metadata (bylines, dates, credits) is kept for attribution. */
const CANDIDATE = new Set<Unit['kind']>(['short', 'headline', 'prose']);
/** Longer lines are paragraphs: shared, they mean a copy, not a template. */
const MAX_WORDS = 16;
/** A paragraph this long shared by two documents makes them related (a copy). */
const SHARED_PARAGRAPH_WORDS = 12;

export interface CorpusBoilerplateOptions {
  /** Unrelated documents a line must stand in to be boilerplate (default 3). */
  readonly minDocs?: number;
}

/**
 * Keys ({@link lineKey}) of the short lines that stand in at least
 * `minDocs` mutually unrelated documents of the corpus. `unitsOf` gives a
 * document's lines (`toUnits` of its text unless the caller keeps them);
 * they are only read.
 * @throws never.
 */
export function corpusBoilerplate(
  docs: readonly IngestedDoc[],
  opts: CorpusBoilerplateOptions = {},
  unitsOf: (doc: IngestedDoc, k: number) => readonly Unit[] = (doc) => toUnits(doc.text),
): Set<string> {
  const minDocs = opts.minDocs ?? 3;
  const out = new Set<string>();
  if (docs.length < minDocs) return out;
  const where = new Map<string, number[]>();
  const paragraphs: Set<string>[] = [];
  docs.forEach((doc, d) => {
    const own = new Set<string>();
    const long = new Set<string>();
    for (const u of unitsOf(doc, d)) {
      const key = lineKey(u.text);
      if (!key) continue;
      if (u.words >= SHARED_PARAGRAPH_WORDS) long.add(key);
      if (CANDIDATE.has(u.kind) && u.words <= MAX_WORDS) own.add(key);
    }
    paragraphs.push(long);
    for (const key of own) {
      const list = where.get(key);
      if (list) list.push(d);
      else where.set(key, [d]);
    }
  });
  const related = (a: number, b: number): boolean => {
    const [x, y] = [paragraphs[a], paragraphs[b]];
    if (!x || !y) return false;
    const [small, large] = x.size <= y.size ? [x, y] : [y, x];
    for (const k of small) if (large.has(k)) return true;
    return false;
  };
  for (const [key, list] of where) {
    if (list.length < minDocs) continue;
    // Greedy: documents holding the line that share no paragraph with those already taken.
    const unrelated: number[] = [];
    for (const d of list) {
      if (unrelated.every((u) => !related(u, d))) unrelated.push(d);
      if (unrelated.length >= minDocs) break;
    }
    if (unrelated.length >= minDocs) out.add(key);
  }
  return out;
}

/**
 * Segments every document of a corpus, first finding the lines repeated
 * across unrelated documents ({@link corpusBoilerplate}) and treating them as
 * furniture. Pure; never throws on odd text. A document left with no story
 * is reported to `onWarning` (and kept, with no stories).
 * @throws {CoreError} INVALID_ARGUMENT when `docs` is not an array of documents or an option has the wrong type.
 */
export function segmentCorpus(
  docs: readonly IngestedDoc[],
  opts: SegmentOptions &
    CorpusBoilerplateOptions & {
      readonly onProgress?: (done: number, total: number) => void;
      readonly onWarning?: (message: string) => void;
    } = {},
): SegmentedDoc[] {
  expectArrayOf(docs, 'segmentCorpus: docs', docRule, 'an array of ingested documents');
  expectOptions(opts, 'segmentCorpus: opts', {
    ...segmentOptionRules,
    minDocs: rules.positiveInt,
    onProgress: rules.function,
    onWarning: rules.function,
  });
  // Each document's lines are read once: for the boilerplate pass, then segmented.
  const lines = new Map<number, Unit[]>();
  const boilerplate = corpusBoilerplate(docs, opts, (doc, k) => {
    const units = toUnits(doc.text);
    lines.set(k, units);
    return units;
  });
  const segmented = docs.map((doc, k) => {
    const units = lines.get(k) ?? toUnits(doc.text);
    lines.delete(k);
    const s = segmentUnits(doc, { ...opts, boilerplate }, units);
    opts.onProgress?.(k + 1, docs.length);
    return s;
  });
  warnEmpty(segmented, opts.onWarning);
  return segmented;
}

/** Warns about each document left with no story. */
export function warnEmpty(
  segmented: readonly SegmentedDoc[],
  onWarning: ((message: string) => void) | undefined,
): void {
  for (const d of segmented) {
    if (d.stories.length === 0) {
      onWarning?.(`${d.path}: no story text found after removing boilerplate; skipped`);
    }
  }
}
