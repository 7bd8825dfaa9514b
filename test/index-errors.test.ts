/**
 * `stemma index` on what it cannot trust (a foreign folder, a corrupted
 * vector file, a truncated database, a second writer): one line, exit 5,
 * nothing lost.
 */
import {
  cpSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
  readFileSync,
  statSync,
} from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root, scratchFolder, stemma } from './helpers.js';

const examples = join(root, 'examples');
const scratchDir = scratchFolder('stemma-index-');

const errLines = (text: string) => text.split('\n').filter((l) => l !== '');

describe('stemma index refuses what it cannot trust, in one line with exit code 5, and loses nothing', () => {
  const one = (args: string[]) => {
    const r = stemma(args);
    expect(r.code).toBe(5);
    expect(errLines(r.stderr)).toHaveLength(1);
    return r.stderr;
  };
  let idx: string;
  beforeAll(() => {
    idx = join(scratchDir(), 'errors.idx');
    expect(stemma(['index', 'add', examples, '--index', idx, '-q']).code).toBe(0);
  });

  it('a foreign folder', () => {
    expect(one(['index', 'add', examples, '--index', examples])).toMatch(
      /examples: not a Stemma index \(no stemma\.db, and it holds other files such as .+\); pass the folder/,
    );
    expect(one(['index', 'stats', '--index', join(scratchDir(), 'missing')])).toMatch(
      /no Stemma index here; create one with: stemma index add/,
    );
  });

  it('a corrupted vector file: named, with the repair command, which fixes it', () => {
    const copy = join(scratchDir(), 'corrupt.idx');
    cpSync(idx, copy, { recursive: true });
    const file = join(copy, 'vectors-1.hnsw');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff;
    writeFileSync(file, bytes);
    expect(one(['query', join(examples, 'spun.txt'), '--index', copy])).toMatch(
      /vector file is damaged \(checksum mismatch\); rebuild it from the database with: stemma index repair --index /,
    );
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(5);
    expect(stemma(['index', 'repair', '--index', copy]).code).toBe(0);
    expect(stemma(['index', 'verify', '--index', copy]).code).toBe(0);
    expect(JSON.parse(stemma(['index', 'stats', '--index', copy, '--json']).stdout)).toMatchObject({
      documents: 6,
    });
  });

  it('a truncated database: every command refuses it and none writes to it', () => {
    const copy = join(scratchDir(), 'truncated.idx');
    cpSync(idx, copy, { recursive: true });
    const db = join(copy, 'stemma.db');
    const half = Math.floor(statSync(db).size / 2);
    truncateSync(db, half);
    for (const args of [
      ['index', 'stats'],
      ['index', 'verify'],
      ['index', 'add', examples],
      ['analyze', '--quiet'],
    ])
      expect(one([...args, '--index', copy])).toMatch(
        /the index database is damaged \(.+\); restore .+stemma\.db from a backup/,
      );
    expect(statSync(db).size).toBe(half);
    expect(readdirSync(copy).filter((f) => f.startsWith('vectors-'))).toEqual(['vectors-1.hnsw']);
  });

  it('a second writer is told the pid that holds the lock', async () => {
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(join(idx, 'lock'), `${holder.pid}\n`);
      expect(one(['index', 'add', examples, '--index', idx])).toBe(
        `stemma: index ${idx} is locked by pid ${holder.pid}; wait for that stemma to finish (remove ${idx}/lock only if no such process runs)\n`,
      );
      // Readers never wait for the writer.
      expect(stemma(['index', 'stats', '--index', idx]).code).toBe(0);
    } finally {
      holder.kill();
      rmSync(join(idx, 'lock'), { force: true });
    }
  });
});
