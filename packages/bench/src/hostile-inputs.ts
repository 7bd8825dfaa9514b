/**
 * Hostile inputs (issue 9), made at run time and never committed: each case
 * writes one corpus whose size grows with `scale` (×1, ×10, ×100 of a base
 * size), so a stage whose cost grows faster than its input shows.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';
import { seededRandom } from '@stemma/core';

const WORDS = (
  'the council said on tuesday that its plan for new housing would cost more than ' +
  'expected after a review of contracts found delays in work across the city where ' +
  'residents have waited years for homes schools roads and a hospital promised by ' +
  'ministers who now face questions from members about money spent on consultants ' +
  'officials declined to comment further but a spokesman confirmed the report'
).split(' ');

/** About `chars` characters of plain sentences (no newline). */
export function sentences(chars: number, seed = 1): string {
  const next = seededRandom(seed);
  const out: string[] = [];
  let n = 0;
  while (n < chars) {
    const len = 8 + Math.floor(next() * 14);
    const words: string[] = [];
    for (let i = 0; i < len; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]!);
    const s = `${words[0]!.charAt(0).toUpperCase()}${words.join(' ').slice(1)}.`;
    out.push(s);
    n += s.length + 1;
  }
  return out.join(' ');
}

/** One hostile case: `write` makes its corpus in `dir` at `scale` and returns the paths to analyse. */
export interface HostileCase {
  readonly name: string;
  /** What ×1 is, for the printed table. */
  readonly unit: string;
  readonly base: number;
  /** Extra CLI/core options the case needs (e.g. a byte limit). */
  readonly maxBytes?: number;
  write(dir: string, scale: number): string[];
}

/** A page of prose with `run` (a hostile run) in its middle. */
function withRun(dir: string, name: string, run: string): string[] {
  const file = join(dir, `${name}.txt`);
  writeFileSync(
    file,
    `A run in a page\n\n${sentences(800, 2)}\n\n${run}\n\n${sentences(800, 3)}\n`,
  );
  return [file];
}

/** Repeats `unit` up to about `chars` characters. */
const repeat = (unit: string, chars: number) =>
  unit.repeat(Math.max(1, Math.ceil(chars / unit.length)));

/** The table of issue 9, one case per row (the runs row split by pattern). */
export const HOSTILE_CASES: readonly HostileCase[] = [
  {
    name: 'one-line page',
    unit: 'chars',
    base: 10_000,
    write(dir, scale) {
      const file = join(dir, 'one-line.txt');
      writeFileSync(file, sentences(10_000 * scale));
      return [file];
    },
  },
  {
    name: 'nested HTML',
    unit: 'levels',
    base: 200,
    write(dir, scale) {
      const depth = 200 * scale;
      const file = join(dir, 'nested.html');
      writeFileSync(
        file,
        `<html><head><title>Nested</title></head><body>${'<div>'.repeat(depth)}<p>${sentences(600)}</p><p>${sentences(600, 4)}</p>${'</div>'.repeat(depth)}</body></html>`,
      );
      return [file];
    },
  },
  {
    name: 'JSONL record, long text',
    unit: 'chars',
    base: 450_000,
    write(dir, scale) {
      const file = join(dir, 'long.jsonl');
      const text = sentences(450_000 * scale);
      writeFileSync(
        file,
        `${JSON.stringify({ id: 'long', text })}\n${JSON.stringify({ id: 'short', text: sentences(1000, 5) })}\n`,
      );
      return [file];
    },
  },
  {
    name: 'HTML paragraphs',
    unit: 'paragraphs',
    base: 1_000,
    write(dir, scale) {
      const file = join(dir, 'paragraphs.html');
      const next = seededRandom(9);
      const ps: string[] = [];
      for (let i = 0; i < 1_000 * scale; i++)
        ps.push(`<p>${sentences(80 + Math.floor(next() * 200), i + 10)}</p>`);
      writeFileSync(
        file,
        `<html><head><title>Live blog</title></head><body><article><h1>Live blog</h1>${ps.join('\n')}</article></body></html>`,
      );
      return [file];
    },
  },
  {
    name: 'tiny files',
    unit: 'files',
    base: 200,
    write(dir, scale) {
      const sub = join(dir, 'tiny');
      mkdirSync(sub, { recursive: true });
      // A content farm: near-identical near-empty pages, a few words apart.
      for (let i = 0; i < 200 * scale; i++)
        writeFileSync(
          join(sub, `page-${i}.txt`),
          `Cheap tickets ${i}\n\nBuy cheap tickets now for the match, the offer number ${i % 97} ends soon.\n\nTickets are limited and the club said more would go on sale next week.\n`,
        );
      return [sub];
    },
  },
  {
    name: 'WARC gzip bomb',
    unit: 'MB inflated',
    base: 10,
    maxBytes: 50_000_000,
    write(dir, scale) {
      const file = join(dir, 'bomb.warc');
      const inflated = 10_000_000 * scale;
      // Inflated chunk by chunk: a 1 GB body is never held here either.
      const chunk = Buffer.alloc(1 << 20, 0x61);
      const parts: Buffer[] = [];
      for (let left = inflated; left > 0; left -= chunk.length)
        parts.push(chunk.subarray(0, Math.min(chunk.length, left)));
      const body = gzipBomb(parts);
      const record = (uri: string, headers: string, payload: Buffer, id: number) => {
        const block = Buffer.concat([Buffer.from(headers.replace(/\n/g, '\r\n')), payload]);
        return Buffer.concat([
          Buffer.from(
            [
              'WARC/1.0',
              'WARC-Type: response',
              `WARC-Target-URI: ${uri}`,
              'WARC-Date: 2024-05-01T12:00:00Z',
              `WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-${String(id).padStart(12, '0')}>`,
              'Content-Type: application/http; msgtype=response',
              `Content-Length: ${block.length}`,
              '',
              '',
            ].join('\r\n'),
          ),
          block,
          Buffer.from('\r\n\r\n'),
        ]);
      };
      const good = Buffer.from(
        `<html><head><title>After the bomb</title></head><body><p>${sentences(800, 6)}</p></body></html>`,
      );
      writeFileSync(
        file,
        Buffer.concat([
          record(
            'https://bomb.example/',
            `HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Encoding: gzip\nContent-Length: ${body.length}\n\n`,
            body,
            1,
          ),
          record(
            'https://good.example/',
            `HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: ${good.length}\n\n`,
            good,
            2,
          ),
        ]),
      );
      return [file];
    },
  },
  ...(
    [
      ['(AP) — run', '(AP) — '],
      ['A. run', 'A. '],
      ['U.S. run', 'U.S. '],
      ['capitalised words run', 'Capital '],
      ['bylines run', 'By John Smith and '],
    ] as const
  ).map(([name, unit]): HostileCase => ({
    name,
    unit: 'chars',
    base: 2_000,
    write: (dir, scale) => withRun(dir, 'run', repeat(unit, 2_000 * scale)),
  })),
];

/** gzip of the concatenated parts, compressed at level 9 without holding their concatenation. */
function gzipBomb(parts: readonly Buffer[]): Buffer {
  // gzip members concatenate into one valid gzip stream (RFC 1952 §2.2).
  const one = parts[0]
    ? gzipSync(parts[0], { level: constants.Z_BEST_COMPRESSION })
    : Buffer.alloc(0);
  const out: Buffer[] = [];
  for (const p of parts)
    out.push(
      p.length === parts[0]!.length ? one : gzipSync(p, { level: constants.Z_BEST_COMPRESSION }),
    );
  return Buffer.concat(out);
}
