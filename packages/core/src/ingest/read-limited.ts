/**
 * Reading byte streams whole, but never more than a limit: a document larger
 * than --max-bytes is refused as soon as the limit is passed instead of
 * filling memory, whatever the stream (file, gunzip, stdin, HTTP body).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { expectArg, expectNumber, rules } from '../args.js';

/** Thrown by {@link readLimited} when a stream holds more than the limit. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  readonly limit: number;
  constructor(limit: number) {
    super(`more than ${formatBytes(limit)}`);
    this.limit = limit;
  }
}

/**
 * "50 MB", "1.5 GB": bytes for messages, in SI units as --max-bytes accepts them.
 * @throws {CoreError} INVALID_ARGUMENT when `n` is not a number ≥ 0.
 */
export function formatBytes(n: number): string {
  expectNumber(n, 'formatBytes: n', rules.nonNegative);
  if (n >= 1e9) return `${+(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${+(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${+(n / 1e3).toFixed(1)} kB`;
  return `${n} bytes`;
}

/**
 * Parses a size as --max-bytes takes it: a number of bytes, optionally with a
 * unit (k/kB, M/MB, G/GB; powers of 1000; KiB/MiB/GiB powers of 1024).
 * @throws {RangeError} for any other string or number; CoreError INVALID_ARGUMENT for other types.
 */
export function parseBytes(value: string | number): number {
  expectArg(value, 'parseBytes: value', {
    expected: 'a size string or a number',
    test: (v) => typeof v === 'string' || typeof v === 'number',
  });
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value > 0) return Math.floor(value);
    throw new RangeError(`"${value}" is not a positive size`);
  }
  const m = /^(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?$/i.exec(value.trim());
  if (!m) throw new RangeError(`"${value}" is not a size like 50MB, 200kB or 1048576`);
  const units: Record<string, number> = {
    b: 1,
    k: 1e3,
    kb: 1e3,
    kib: 1024,
    m: 1e6,
    mb: 1e6,
    mib: 2 ** 20,
    g: 1e9,
    gb: 1e9,
    gib: 2 ** 30,
  };
  const n = Math.floor(Number(m[1]) * (units[(m[2] ?? 'b').toLowerCase()] ?? 1));
  if (n <= 0) throw new RangeError(`"${value}" is not a positive size`);
  return n;
}

/**
 * Reads an async iterable of chunks into one buffer.
 * @throws {TooLargeError} as soon as more than `limit` bytes arrive.
 */
export async function readLimited(
  chunks: AsyncIterable<Uint8Array | string>,
  limit: number,
): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    size += buf.length;
    if (size > limit) throw new TooLargeError(limit);
    parts.push(buf);
  }
  return Buffer.concat(parts, size);
}

/** True when a file starts with the gzip signature. */
export async function isGzipFile(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** A file's bytes as a stream, gunzipped when `gzip` is set. */
export function fileStream(file: string, gzip: boolean): NodeJS.ReadableStream {
  const raw = createReadStream(file);
  if (!gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}
