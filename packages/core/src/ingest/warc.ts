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
  const counted = (async function* () {
    for await (const chunk of source) {
      fed += chunk.length;
      yield chunk;
    }
  })();
  const parser = new WARCParser(counted, { parseHttp: false });
  let n = 0;
  let parsedTo = 0;
  let lastUrl: string | null = null;
  try {
    for await (const record of parser) {
      n++;
      const url = record.warcTargetURI ?? null;
      lastUrl = url;
      const expected = record.warcContentLength;
      if (record.warcType !== 'response') {
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
  if (fed > parsedTo) {
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
