/**
 * WARC and WARC.gz crawl files, read record by record with warcio's streaming
 * parser (memory stays bounded by the largest record, not the file). Only
 * `response` records of successful HTTP exchanges with HTML or plain text are
 * pages; requests, metadata, redirects and images are passed over silently.
 * A record cut short (the crawl was interrupted, the file copied partly) is
 * reported; the records before it are kept.
 */
import { gunzipSync, inflateSync, brotliDecompressSync } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import { formatBytes } from './read-limited.js';

/** A page found in a WARC file. */
export interface WarcPage {
  /** 1-based number of the record in the file (all record types counted). */
  readonly record: number;
  readonly url: string | null;
  readonly date: string | null;
  readonly contentType: string | null;
  readonly body: Buffer;
}

/** A record that is unusable, with the reason. */
export interface WarcProblem {
  readonly record: number;
  readonly url: string | null;
  readonly reason: string;
}

interface HttpResponse {
  readonly status: number;
  readonly headers: Map<string, string>;
  readonly body: Buffer;
}

const CRLF2 = Buffer.from('\r\n\r\n');

/** Splits a raw HTTP response (status line, headers, body) as a crawler stored it. */
function parseHttp(block: Buffer): HttpResponse | null {
  let end = block.indexOf(CRLF2);
  let sep = 4;
  if (end === -1) {
    end = block.indexOf('\n\n');
    sep = 2;
  }
  if (end === -1) return null;
  const head = block.subarray(0, end).toString('latin1').split(/\r?\n/);
  const status = /^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(head[0] ?? '');
  if (!status) return null;
  const headers = new Map<string, string>();
  for (const line of head.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(status[1]), headers, body: block.subarray(end + sep) };
}

/** Undoes chunked transfer coding. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/**
 * The payload as the server meant it: chunking and content coding undone.
 * Inflating stops at `maxBytes` (zlib's maxOutputLength), so a gzip bomb is
 * refused having allocated no more than the limit.
 * @throws RangeError ERR_BUFFER_TOO_LARGE when the payload inflates past `maxBytes`; zlib errors on bad data.
 */
function payload(res: HttpResponse, maxBytes: number): Buffer {
  let body = res.body;
  if (/chunked/i.test(res.headers.get('transfer-encoding') ?? '')) body = dechunk(body);
  const coding = (res.headers.get('content-encoding') ?? '').toLowerCase().trim();
  const limit = { maxOutputLength: maxBytes };
  if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body, limit);
  else if (coding === 'deflate') body = inflateSync(body, limit);
  else if (coding === 'br') body = brotliDecompressSync(body, limit);
  return body;
}

/**
 * Skips a record's block. warcio's skipFully never returns when the file ends
 * inside the block (it loops on zero-byte skips: a record whose length was
 * damaged hung the run), so the block is read through in chunks and dropped.
 */
async function skipBlock(record: WARCRecord): Promise<void> {
  for await (const chunk of record.reader) void chunk;
  record.consumed = 'skipped';
}

const PAGE_TYPES = /^(text\/html|application\/xhtml\+xml|text\/plain)\b/i;

/** Bytes kept from the end of the input, to tell a record separator from a cut record. */
const TAIL_BYTES = 64;

/** True when the last `count` bytes of `tail` are only CR and LF (a record's trailing separator). */
function onlyNewlines(tail: Buffer, count: number): boolean {
  if (count > tail.length) return false;
  for (let i = tail.length - count; i < tail.length; i++)
    if (tail[i] !== 0x0d && tail[i] !== 0x0a) return false;
  return true;
}

/**
 * warcio reports one problem with `console.warn` (a Content-Length too small
 * for its record, so stray bytes follow it) and one internal state with
 * `console.log`. Core never prints: while the parser runs, those two
 * messages are caught and become a warning for the record (or are dropped);
 * anything else printed meanwhile, by other code, goes through unchanged.
 */
function catchParserChatter(onTooSmall: (remainder: number) => void): () => void {
  /* eslint-disable no-console -- routing a library's console output, not printing */
  const { warn, log } = console;
  console.warn = (...args: unknown[]) => {
    const m = /^Content-Length Too Small: .*Remainder Length: (\d+)/.exec(String(args[0]));
    if (m) onTooSmall(Number(m[1]));
    else warn.apply(console, args);
  };
  console.log = (...args: unknown[]) => {
    if (String(args[0]) !== 'Already have chunk!') log.apply(console, args);
  };
  return () => {
    console.warn = warn;
    console.log = log;
  };
  /* eslint-enable no-console */
}

/**
 * Streams the pages of a WARC (or WARC.gz) byte stream. Problems (truncated
 * records, undecodable bodies, records over `maxBytes`) are yielded in place.
 */
export async function* readWarc(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  opts: { maxBytes: number },
): AsyncGenerator<WarcPage | WarcProblem> {
  // Count the bytes the parser was fed: a truncated gzip member at the end
  // of a file ends warcio's iteration silently, and only this shows it.
  let fed = 0;
  // The last bytes fed: an uncompressed WARC (wget, Heritrix, warcio) ends
  // with its last record's CRLF CRLF separator, which warcio does not count
  // as part of the record; those bytes are no truncated record.
  let tail = Buffer.alloc(0);
  const counted = (async function* () {
    for await (const chunk of source) {
      fed += chunk.length;
      const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      tail = Buffer.concat([tail, bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES))]);
      tail = tail.subarray(Math.max(0, tail.length - TAIL_BYTES));
      yield chunk;
    }
  })();
  const parser = new WARCParser(counted, { parseHttp: false });
  const records = parser[Symbol.asyncIterator]();
  let n = 0;
  let parsedTo = 0;
  let lastUrl: string | null = null;
  // Content-Length too small, as warcio found it reading on to the next record.
  let tooSmall: number | null = null;
  const nextRecord = async (): Promise<IteratorResult<WARCRecord>> => {
    const restore = catchParserChatter((remainder) => (tooSmall = remainder));
    try {
      return await records.next();
    } finally {
      restore();
    }
  };
  try {
    for (let step = await nextRecord(); ; step = await nextRecord()) {
      if (tooSmall !== null) {
        yield {
          record: n,
          url: lastUrl,
          reason: `its Content-Length is too small: ${tooSmall} stray bytes follow it, so it may be cut short`,
        };
        tooSmall = null;
      }
      if (step.done === true) break;
      const record = step.value;
      n++;
      const url = record.warcTargetURI ?? null;
      lastUrl = url;
      const expected = record.warcContentLength;
      if (!record.warcType) {
        // warcio takes any line after a record for the start of the next one.
        await skipBlock(record);
        parsedTo = parser.offset + parser.recordLength;
        yield { record: n, url, reason: 'not a WARC record (no WARC-Type header)' };
        continue;
      }
      // Only HTTP exchanges hold pages: Heritrix also stores DNS lookups
      // (`dns:` URIs, Content-Type text/dns) as response records.
      const blockType = record.warcContentType ?? 'application/http';
      if (record.warcType !== 'response' || !/^application\/http\b/i.test(blockType)) {
        await skipBlock(record);
        parsedTo = parser.offset + parser.recordLength;
        continue;
      }
      if (expected > opts.maxBytes) {
        await skipBlock(record);
        parsedTo = parser.offset + parser.recordLength;
        yield {
          record: n,
          url,
          reason: `record of ${formatBytes(expected)} is over the ${formatBytes(opts.maxBytes)} limit (--max-bytes)`,
        };
        continue;
      }
      const block = Buffer.from(await record.readFully(false));
      parsedTo = parser.offset + parser.recordLength;
      if (block.length < expected) {
        yield { record: n, url, reason: `record truncated: ${block.length} of ${expected} bytes` };
        continue;
      }
      const res = parseHttp(block);
      if (!res) {
        yield { record: n, url, reason: 'response record without an HTTP status line and headers' };
        continue;
      }
      const type = res.headers.get('content-type') ?? null;
      if (res.status < 200 || res.status >= 300 || (type !== null && !PAGE_TYPES.test(type)))
        continue;
      let body: Buffer;
      try {
        body = payload(res, opts.maxBytes);
      } catch (error) {
        const code = (error as { code?: unknown } | null)?.code;
        yield {
          record: n,
          url,
          reason:
            code === 'ERR_BUFFER_TOO_LARGE'
              ? `body inflates past the ${formatBytes(opts.maxBytes)} limit (--max-bytes)`
              : `body cannot be decoded (${error instanceof Error ? error.message : String(error)})`,
        };
        continue;
      }
      yield { record: n, url, date: record.warcDate ?? null, contentType: type, body };
    }
  } catch (error) {
    yield {
      record: n + 1,
      url: null,
      reason: `unreadable after record ${n} (${error instanceof Error ? error.message : String(error)})`,
    };
    return;
  }
  if (fed > parsedTo && !onlyNewlines(tail, fed - parsedTo)) {
    yield {
      record: n + 1,
      url: null,
      reason: `record truncated: the last ${fed - parsedTo} bytes${lastUrl ? ` after ${lastUrl}` : ''} do not hold a complete record`,
    };
  }
}

/** True for a WARC problem (as opposed to a page). */
export function isWarcProblem(x: WarcPage | WarcProblem): x is WarcProblem {
  return 'reason' in x;
}
