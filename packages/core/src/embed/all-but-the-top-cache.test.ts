import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fitAllButTheTop } from './all-but-the-top.js';
import { cachedAllButTheTop, correctionCachePath } from './all-but-the-top-cache.js';
import { loadGloveTable } from './glove-cache.js';
import { tempDirs, writeTinyWinkJson } from '../../test/helpers/embed.js';

const { fresh, cleanUp } = tempDirs();
afterAll(cleanUp);

/** A loaded tiny table in a fresh cache folder. */
function tiny(dimensions = 16) {
  const dir = fresh();
  const glove = loadGloveTable({ cacheDir: dir, jsonPath: writeTinyWinkJson(dir, dimensions) });
  return { dir, glove, file: correctionCachePath(glove.cachePath) };
}

/** The correction's numbers as bytes, to compare bit for bit. */
const bytes = (c: ReturnType<typeof fitAllButTheTop>) =>
  [c.mean, ...c.components].map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength));

describe('cachedAllButTheTop', () => {
  it('fits once, writes the file beside the table cache, and reads back the same bits', () => {
    const { glove, file } = tiny();
    expect(path.dirname(file)).toBe(path.dirname(glove.cachePath));
    expect(fs.existsSync(file)).toBe(false);
    const fitted = fitAllButTheTop(glove.table);
    const first = cachedAllButTheTop(glove);
    expect(bytes(first)).toEqual(bytes(fitted));
    expect(fs.existsSync(file)).toBe(true);
    const written = fs.statSync(file).mtimeMs;
    const again = cachedAllButTheTop(glove);
    expect(bytes(again)).toEqual(bytes(fitted));
    // Read, not fitted and rewritten; no temp file left.
    expect(fs.statSync(file).mtimeMs).toBe(written);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('fits again and replaces a damaged file', () => {
    const { glove, file } = tiny();
    const fitted = cachedAllButTheTop(glove);
    const damaged = fs.readFileSync(file);
    damaged[damaged.length - 1] = damaged[damaged.length - 1]! ^ 0xff;
    fs.writeFileSync(file, damaged);
    expect(bytes(cachedAllButTheTop(glove))).toEqual(bytes(fitted));
    expect(fs.readFileSync(file).equals(damaged)).toBe(false);
    fs.writeFileSync(file, 'not a correction');
    expect(bytes(cachedAllButTheTop(glove))).toEqual(bytes(fitted));
  });

  it('does not reuse a correction fitted on another table (keyed by the table checksum)', () => {
    const { glove, file } = tiny();
    cachedAllButTheTop(glove);
    const key = (f: string) => fs.readFileSync(f).toString('hex', 24, 56);
    expect(key(file)).toBe(glove.checksum);
    const other = { ...glove, checksum: 'ab'.repeat(32) };
    expect(bytes(cachedAllButTheTop(other))).toEqual(bytes(fitAllButTheTop(glove.table)));
    // Fitted again for the other table, and the file now says so.
    expect(key(file)).toBe(other.checksum);
  });

  it('serves the fitted correction when the folder cannot be written', () => {
    const { glove } = tiny();
    const readOnly = { ...glove, cachePath: path.join(fresh(), 'missing', 'table.bin') };
    expect(bytes(cachedAllButTheTop(readOnly))).toEqual(bytes(fitAllButTheTop(glove.table)));
  });
});
