/**
 * The fuzzer of issue 9: real fixtures mutated byte by byte (truncation,
 * random bytes, nesting, mixed scripts, control characters) and generated
 * pages (fast-check), each read and segmented by @stemma/core (embedding
 * and alignment are covered by the hostile bench: they see only segmented text). A case fails
 * when reading or segmenting throws or takes longer than the per-document
 * budget. Seeded: a failing case is found again from its seed and number.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { CoreError, ingest, segmentCorpus, seededRandom } from '@stemma/core';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Real pages of every format Stemma reads. */
const FIXTURE_DIRS = [
  'examples',
  'test/fixtures/corpus',
  'test/fixtures/inputs',
  'packages/core/test/fixtures/pages',
  'packages/core/test/fixtures/inputs',
];

interface Fixture {
  readonly name: string;
  readonly bytes: Buffer;
}

/** The fixtures, read once. */
export function loadFixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const dir of FIXTURE_DIRS) {
    let names: string[];
    try {
      names = readdirSync(join(root, dir));
    } catch {
      continue;
    }
    for (const name of names.sort()) {
      if (/\.(?:mjs|md)$/.test(name) && name !== 'clickfarm.md') continue;
      out.push({ name, bytes: readFileSync(join(root, dir, name)) });
    }
  }
  return out;
}

const SCRIPTS = [
  'Ελληνικά ',
  'русский ',
  'عربي ',
  'עברית ',
  '中文文本',
  'ภาษาไทย',
  '한국어 ',
  'हिन्दी ',
];
const CONTROLS = ['\u0000', '\u001B[31m', '\u202E', '\u200B', '\uFEFF', '\r', '\u0085', '\u2028'];

/** One mutation of a fixture's bytes, chosen by `rand`. */
function mutate(bytes: Buffer, rand: () => number): { bytes: Buffer; how: string } {
  const at = Math.floor(rand() * (bytes.length + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const insert = (b: Buffer) => Buffer.concat([bytes.subarray(0, at), b, bytes.subarray(at)]);
  switch (Math.floor(rand() * 7)) {
    case 0:
      return { bytes: bytes.subarray(0, at), how: `truncated at ${at}` };
    case 1: {
      const n = 1 + Math.floor(rand() * 64);
      const junk = Buffer.alloc(n);
      for (let i = 0; i < n; i++) junk[i] = Math.floor(rand() * 256);
      return { bytes: insert(junk), how: `${n} random bytes at ${at}` };
    }
    case 2: {
      const copy = Buffer.from(bytes);
      const n = 1 + Math.floor(rand() * 16);
      for (let i = 0; i < n && copy.length > 0; i++)
        copy[Math.floor(rand() * copy.length)] = Math.floor(rand() * 256);
      return { bytes: copy, how: `${n} bytes flipped` };
    }
    case 3: {
      const depth = 1 + Math.floor(rand() * 5000);
      const tag = pick(['<div>', '<ul><li>', '<blockquote>', '- ', '> ', '[', '{"a":']);
      return { bytes: insert(Buffer.from(tag.repeat(depth))), how: `${tag} × ${depth} at ${at}` };
    }
    case 4: {
      const text = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => pick(SCRIPTS)).join(
        '',
      );
      return { bytes: insert(Buffer.from(text)), how: `mixed scripts at ${at}` };
    }
    case 5: {
      const text = Array.from({ length: 1 + Math.floor(rand() * 40) }, () => pick(CONTROLS)).join(
        '',
      );
      return { bytes: insert(Buffer.from(text)), how: `control characters at ${at}` };
    }
    default: {
      const run = pick(['(AP) — ', 'A. ', 'U.S. ', 'Capital ', 'By John Smith and ', '...', ' | ']);
      const n = 1 + Math.floor(rand() * 3000);
      return { bytes: insert(Buffer.from(run.repeat(n))), how: `"${run}" × ${n} at ${at}` };
    }
  }
}

/** A page of arbitrary text (fast-check), as one of the formats Stemma reads. */
const generatedPage = fc
  .tuple(
    fc.constantFrom('.txt', '.md', '.html', '.jsonl'),
    fc.array(fc.string({ unit: 'grapheme', maxLength: 400 }), { maxLength: 12 }),
  )
  .map(([ext, paragraphs]) => {
    const text = paragraphs.join('\n\n');
    const body =
      ext === '.html'
        ? `<html><body>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`
        : ext === '.jsonl'
          ? `${JSON.stringify({ id: 'x', text })}\n`
          : text;
    return { ext, bytes: Buffer.from(body) };
  });

export interface FuzzOptions {
  readonly seed: number;
  /** Stop after this many cases… */
  readonly cases?: number;
  /** …or after this many seconds. */
  readonly seconds?: number;
  /** Per-case budget: reading and segmenting one mutated page. */
  readonly budgetMs: number;
  readonly dir: string;
  readonly onProgress?: (cases: number, perSecond: number) => void;
  /** Told each case before it runs (to find the one that hangs). */
  readonly onCase?: (n: number, how: string) => void;
}

export interface FuzzResult {
  readonly cases: number;
  readonly seconds: number;
  readonly failures: readonly string[];
  readonly slowestMs: number;
}

/**
 * Runs the fuzzer. Never throws for a bad case: failures are collected with
 * the case's description.
 * @throws Error when neither `cases` nor `seconds` is given.
 */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzResult> {
  if (opts.cases === undefined && opts.seconds === undefined)
    throw new Error('runFuzz: give cases or seconds');
  const fixtures = loadFixtures();
  const rand = seededRandom(opts.seed);
  const generated = fc.sample(generatedPage, { seed: opts.seed, numRuns: 200 });
  mkdirSync(opts.dir, { recursive: true });
  const failures: string[] = [];
  let slowestMs = 0;
  const t0 = performance.now();
  let n = 0;
  const done = () =>
    (opts.cases !== undefined && n >= opts.cases) ||
    (opts.seconds !== undefined && performance.now() - t0 >= opts.seconds * 1000);
  while (!done()) {
    let ext: string;
    let bytes: Buffer;
    let how: string;
    if (n % 4 === 3) {
      const g = generated[n % generated.length]!;
      ({ ext, bytes } = g);
      how = `generated page ${n % generated.length}`;
      if (rand() < 0.5) {
        const m = mutate(bytes, rand);
        bytes = m.bytes;
        how += `, ${m.how}`;
      }
    } else {
      const f = fixtures[Math.floor(rand() * fixtures.length)]!;
      const m = mutate(f.bytes, rand);
      ext = f.name.endsWith('.gz') ? `${extname(f.name.slice(0, -3))}.gz` : extname(f.name);
      bytes = m.bytes;
      how = `${f.name}: ${m.how}`;
    }
    opts.onCase?.(n, how);
    const file = join(opts.dir, `case-${n}${ext}`);
    writeFileSync(file, bytes);
    const c0 = performance.now();
    try {
      const { docs } = await ingest([file], { onWarning: () => {} });
      segmentCorpus(docs, { onWarning: () => {} });
    } catch (error) {
      // A documented refusal (nothing readable in a damaged file) is an answer, not a crash.
      if (!(CoreError.isInstance(error) && error.code === 'NO_DOCUMENTS'))
        failures.push(`case ${n} (seed ${opts.seed}, ${how}): ${String(error)}`);
    }
    const ms = performance.now() - c0;
    slowestMs = Math.max(slowestMs, ms);
    if (ms > opts.budgetMs)
      failures.push(`case ${n} (seed ${opts.seed}, ${how}): ${Math.round(ms)} ms, over the budget`);
    rmSync(file, { force: true });
    n++;
    if (n % 100 === 0) opts.onProgress?.(n, n / ((performance.now() - t0) / 1000));
  }
  return { cases: n, seconds: (performance.now() - t0) / 1000, failures, slowestMs };
}
