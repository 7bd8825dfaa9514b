/**
 * The all-but-the-top correction of a GloVe table, kept on disk beside the
 * table's binary cache. Fitting it reads 30,000 rows and runs power
 * iterations (about 0.4 s of CPU); every `stemma` process that embeds paid
 * that, for a result that depends on the table alone. It is fitted once per
 * table and read back (a few kilobytes) by every later process:
 *
 *   offset  size  field
 *   0       8     magic "STEMABT1"
 *   8       4     u32 format version (1)
 *   12      4     u32 dimensions d
 *   16      4     u32 components k
 *   20      4     u32 sample words
 *   24      32    SHA-256 of the table cache it was fitted on (its header's checksum)
 *   56      32    SHA-256 of everything after the header
 *   88      4·d   f32 mean
 *           4·k·d f32 components
 *
 * The values are the fit's own Float32Arrays, stored as they are, so a
 * correction read back is bit-identical to one fitted in the process. A file
 * that is missing, damaged, or fitted on another table or with other
 * parameters is fitted again and replaced (temp file, then rename); one that
 * cannot be written costs only the time to fit it.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  allButTheTopFit,
  fitAllButTheTop,
  type AllButTheTopFit,
  type WordSpaceCorrection,
} from './all-but-the-top.js';
import type { LoadGloveResult } from './glove-cache.js';

const MAGIC = 'STEMABT1';
const VERSION = 1;
const HEADER_BYTES = 88;

/**
 * Where the correction of the table cached at `tableCachePath` is kept.
 * @throws never.
 */
export function correctionCachePath(tableCachePath: string): string {
  const dir = path.dirname(tableCachePath);
  const base = path.basename(tableCachePath).replace(/\.bin$/i, '');
  return path.join(dir, `${base}.abtt-v${VERSION}.bin`);
}

/**
 * The all-but-the-top correction of a loaded GloVe table, with
 * {@link fitAllButTheTop}'s default parameters: read from beside the
 * table's cache when one fitted on this table (same checksum) is there,
 * else fitted and written there.
 * @throws RangeError when the table's dimension is too small for the fit (as fitAllButTheTop).
 */
export function cachedAllButTheTop(
  glove: Pick<LoadGloveResult, 'table' | 'cachePath' | 'checksum'>,
): WordSpaceCorrection {
  const { table } = glove;
  const file = correctionCachePath(glove.cachePath);
  const fit = allButTheTopFit(table);
  const key = Buffer.from(glove.checksum, 'hex');
  const stored = readCorrection(file, table.dimensions, fit, key);
  if (stored) return stored;
  const correction = fitAllButTheTop(table);
  writeCorrection(file, table.dimensions, fit, key, correction);
  return correction;
}

function readCorrection(
  file: string,
  d: number,
  fit: AllButTheTopFit,
  key: Buffer,
): WordSpaceCorrection | null {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return null;
  }
  const k = fit.components;
  if (
    bytes.length !== HEADER_BYTES + 4 * d * (k + 1) ||
    bytes.toString('latin1', 0, 8) !== MAGIC ||
    bytes.readUInt32LE(8) !== VERSION ||
    bytes.readUInt32LE(12) !== d ||
    bytes.readUInt32LE(16) !== k ||
    bytes.readUInt32LE(20) !== fit.sampleWords ||
    key.length !== 32 ||
    !bytes.subarray(24, 56).equals(key) ||
    !digest(bytes.subarray(HEADER_BYTES)).equals(bytes.subarray(56, HEADER_BYTES))
  )
    return null;
  // Copies: a Float32Array over the file's buffer would need 4-byte alignment.
  const row = (i: number) =>
    new Float32Array(
      bytes.buffer.slice(
        bytes.byteOffset + HEADER_BYTES + 4 * d * i,
        bytes.byteOffset + HEADER_BYTES + 4 * d * (i + 1),
      ),
    );
  const components: Float32Array[] = [];
  for (let c = 0; c < k; c++) components.push(row(c + 1));
  return { mean: row(0), components };
}

function writeCorrection(
  file: string,
  d: number,
  fit: AllButTheTopFit,
  key: Buffer,
  correction: WordSpaceCorrection,
): void {
  if (key.length !== 32 || correction.components.length !== fit.components) return;
  const body = Buffer.alloc(4 * d * (fit.components + 1));
  [correction.mean, ...correction.components].forEach((v, i) =>
    Buffer.from(v.buffer, v.byteOffset, 4 * d).copy(body, 4 * d * i),
  );
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 8);
  header.writeUInt32LE(d, 12);
  header.writeUInt32LE(fit.components, 16);
  header.writeUInt32LE(fit.sampleWords, 20);
  key.copy(header, 24);
  digest(body).copy(header, 56);
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([header, body]));
    fs.renameSync(tmp, file);
  } catch {
    // An unwritable cache folder was already reported for the table itself;
    // the correction fitted in memory serves this run.
    fs.rmSync(tmp, { force: true });
  }
}

function digest(bytes: Buffer): Buffer {
  return createHash('sha256').update(bytes).digest();
}
