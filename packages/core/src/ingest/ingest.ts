/**
 * Stage 1: read the inputs. Files and folders (recursively) of .txt, .md,
 * .html, .json/.jsonl corpora and WARC crawls (each optionally gzipped), "-"
 * for stdin and http(s) URLs become documents; a bad single input (or a bad
 * record inside a corpus or crawl) becomes a one-line warning and the run
 * goes on.
 */
import { createReadStream, readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import picomatch from 'picomatch';
import {
  expectKnownOptions,
  expectOptions,
  expectString,
  expectStringArray,
  rules,
  type Rule,
} from '../args.js';
import { CoreError } from '../errors.js';
import type { IngestedDoc } from '../types.js';
import { overrunWarning } from '../util/doc-budget.js';
import { sniffBinary } from './bytes.js';
import {
  isRecord,
  parseJsonCorpus,
  parseJsonlLine,
  type CorpusProblem,
  type CorpusRecord,
} from './corpus.js';
import { charsetOf, decodeBytes } from './decode.js';
import { FetchError, fetchUrl, looksLikeUrl } from './fetch-url.js';
import { errorDetail } from './extract.js';
import { isoDate, isValidIsoDate } from './iso-date.js';
import { ReadBudget } from './read-budget.js';
import { TooLargeError, fileStream, formatBytes, readLimited } from './read-limited.js';
import {
  DEFAULT_MAX_BYTES,
  DEFAULT_MAX_CHARS,
  DEFAULT_TIMEOUT_MS,
  type ExtractedContent,
  type IngestOptions,
  type IngestResult,
} from './types.js';
import { isWarcProblem, readWarc } from './warc.js';

/** What a file holds: one document of a format, a corpus of records, or a crawl. */
export type InputKind = IngestedDoc['format'] | 'json' | 'jsonl' | 'warc';

const KINDS: Readonly<Record<string, InputKind>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
  '.warc': 'warc',
};

/** A file name without a trailing ".gz", and whether it had one. */
function ungz(file: string): { name: string; gzip: boolean } {
  return /\.gz$/i.test(file)
    ? { name: file.slice(0, -3), gzip: true }
    : { name: file, gzip: false };
}

/**
 * What a file name says it holds (".gz" looked through), or null when not supported.
 * @throws {CoreError} INVALID_ARGUMENT when `file` is not a string.
 */
export function inputKindOf(file: string): InputKind | null {
  expectString(file, 'inputKindOf: file');
  return KINDS[path.extname(ungz(file).name).toLowerCase()] ?? null;
}

/** The document format for a file name (txt, md, html), or null for corpora, crawls and unsupported files. */
export function formatOf(file: string): IngestedDoc['format'] | null {
  const kind = inputKindOf(file);
  return kind === 'txt' || kind === 'md' || kind === 'html' ? kind : null;
}

/**
 * Project documentation that sits beside a corpus (a folder's README that
 * describes the pages, a licence) is not one of its pages. Named explicitly,
 * such a file is read like any other.
 */
const FOLDER_DOCS = /^(readme|license|licence|changelog|contributing|notice)(\.[a-z]+)?$/i;

/** True for a file name a folder walk leaves out as project documentation. */
export function isFolderDoc(name: string): boolean {
  return FOLDER_DOCS.test(name);
}

/** A glob list as one test on a path relative to the folder walked. */
function globTest(globs: readonly string[] | undefined): ((rel: string) => boolean) | null {
  if (!globs || globs.length === 0) return null;
  const tests = globs.map((g) => {
    const m = picomatch(g, { dot: true });
    // Like .gitignore: a pattern without "/" is about the name wherever it is.
    return g.includes('/') ? (rel: string) => m(rel) : (rel: string) => m(path.posix.basename(rel));
  });
  return (rel) => tests.some((t) => t(rel));
}

/**
 * What a path is when it is neither a file nor a folder: a FIFO, a device or
 * a socket, which cannot be read as a document (a FIFO with no writer waits
 * forever, /dev/zero never ends); null for files and folders.
 */
function specialKind(info: Stats): string | null {
  if (info.isFIFO()) return 'a named pipe';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return null;
}

function specialInput(where: string, kind: string): CoreError {
  return new CoreError(
    'INPUT_UNSUPPORTED',
    where,
    `${kind}, not a regular file: reading it could wait forever; skipped`,
  );
}

/** One thing to read: a file, stdin, or a URL. */
type Source =
  | { readonly kind: 'file'; readonly file: string }
  | { readonly kind: 'stdin' }
  | { readonly kind: 'url'; readonly url: string };

/**
 * Expands the given inputs into sources: folders into the supported files
 * under them (sorted by path; hidden entries, documentation files and
 * unsupported files skipped; --include/--exclude applied), then stdin, then
 * URLs as given. An unsupported file named explicitly is reported.
 */
async function collectSources(
  inputs: readonly string[],
  opts: IngestOptions,
  warn: (e: CoreError) => void,
): Promise<Source[]> {
  const found = new Set<string>();
  const seenDirs = new Set<string>();
  const include = globTest(opts.include);
  const exclude = globTest(opts.exclude);
  const rest: Source[] = [];

  const visitDir = async (
    dir: string,
    root: string,
    ancestors: readonly string[],
  ): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      warn(new CoreError('INPUT_UNREADABLE', dir, errorDetail(error), { cause: error }));
      return;
    }
    if (ancestors.includes(real)) {
      warn(new CoreError('INPUT_LOOP', dir, `a symbolic link back to ${real}`));
      return;
    }
    if (seenDirs.has(real)) return; // the same folder given twice, or linked from two places
    seenDirs.add(real);
    let entries: string[];
    try {
      entries = await readdir(dir);
    } catch (error) {
      warn(new CoreError('INPUT_UNREADABLE', dir, errorDetail(error), { cause: error }));
      return;
    }
    for (const name of entries.sort()) {
      if (name.startsWith('.') || isFolderDoc(name)) continue;
      const full = path.join(dir, name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (exclude?.(rel)) continue;
      let info;
      try {
        // Synchronous: a folder of 20,000 pages costs 20,000 round trips
        // through the thread pool otherwise, most of the walk.
        info = statSync(full);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP')
          warn(new CoreError('INPUT_LOOP', full, 'a symbolic link that points at itself'));
        // A dangling symlink or an entry that vanished: only worth a warning if it would have been read.
        else if (inputKindOf(name))
          warn(new CoreError('INPUT_UNREADABLE', full, errorDetail(error), { cause: error }));
        continue;
      }
      if (info.isDirectory()) await visitDir(full, root, [...ancestors, real]);
      else if (!include || include(rel)) {
        const special = specialKind(info);
        if (special !== null) warn(specialInput(full, special));
        else if (info.isFile() && inputKindOf(name)) found.add(full);
      }
    }
  };

  for (const given of inputs) {
    if (given === '-') {
      if (!rest.some((s) => s.kind === 'stdin')) rest.push({ kind: 'stdin' });
      continue;
    }
    if (looksLikeUrl(given)) {
      rest.push({ kind: 'url', url: given });
      continue;
    }
    const full = path.resolve(given);
    let info;
    try {
      info = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR')
        warn(new CoreError('INPUT_NOT_FOUND', given, '', { cause: error }));
      else if (code === 'ELOOP')
        warn(new CoreError('INPUT_LOOP', given, 'a symbolic link that points at itself'));
      else warn(new CoreError('INPUT_UNREADABLE', given, errorDetail(error), { cause: error }));
      continue;
    }
    const special = specialKind(info);
    if (info.isDirectory()) await visitDir(full, full, []);
    else if (special !== null) warn(specialInput(given, special));
    else if (!inputKindOf(full)) {
      warn(
        new CoreError('INPUT_UNSUPPORTED', given, `extension "${path.extname(full) || 'none'}"`),
      );
    } else found.add(full);
  }
  const files = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [...files.map((file): Source => ({ kind: 'file', file })), ...rest];
}

/** A readable document before ids are assigned. */
interface Pending {
  /** The id it would like: file name, record id, URL slug. */
  readonly wanted: string;
  readonly path: string;
  readonly format: IngestedDoc['format'];
  readonly content: ExtractedContent;
}

/** A slug for a URL: its last path segment without extension, else its host. */
function urlSlug(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const last = u.pathname.split('/').filter(Boolean).pop();
    const slug = last ? decodeURIComponent(last).replace(/\.[a-z0-9]{1,5}$/i, '') : u.hostname;
    return slug || null;
  } catch {
    return null;
  }
}

/** Base name of a file without its extension(s): "a.html.gz" → "a", "crawl.warc.gz" → "crawl". */
function baseName(file: string): string {
  const name = ungz(path.basename(file)).name;
  return path.basename(name, path.extname(name));
}

/**
 * Reads inputs into documents. One instance per ingest() call: holds the
 * options, the warning sink and the documents found so far.
 */
class Reader {
  readonly pending: Pending[] = [];
  bytes = 0;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly opts: IngestOptions;
  readonly warn: (e: CoreError) => void;
  readonly warnText: (message: string) => void;
  /** Where extraction runs, each document within its time budget (--doc-timeout). */
  readonly budget: ReadBudget;

  constructor(
    opts: IngestOptions,
    warn: (e: CoreError) => void,
    warnText: (message: string) => void,
    budget: ReadBudget,
  ) {
    this.opts = opts;
    this.warn = warn;
    this.warnText = warnText;
    this.budget = budget;
    this.maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Text (already decoded) of one document → extracted content, or the
   * warning that says why it is skipped (unusable, or over its time budget).
   */
  async fromText(
    subject: string,
    format: IngestedDoc['format'],
    raw: string,
  ): Promise<ExtractedContent | string> {
    if (!raw.trim()) return new CoreError('INPUT_EMPTY', subject).message;
    const outcome = await this.budget.extract(subject, format, raw);
    if (outcome === null) return overrunWarning(subject, 'reading', this.budget.timeoutMs);
    if (outcome.content === undefined) {
      return new CoreError(
        'INPUT_MALFORMED',
        subject,
        `${format} could not be parsed: ${outcome.error}`,
      ).message;
    }
    const content = outcome.content;
    // Markup without any text (an empty shell, a page that builds itself with scripts).
    if (!content.text.trim()) return new CoreError('INPUT_EMPTY', subject).message;
    for (const note of content.notes ?? []) this.warnText(`${subject}: ${note}`);
    return content;
  }

  /** Bytes of one document → extracted content: binary check, decoding (damage reported), extraction. */
  async fromBytes(
    subject: string,
    format: IngestedDoc['format'],
    bytes: Uint8Array,
    declared: string | null = null,
  ): Promise<ExtractedContent | string> {
    const binary = sniffBinary(bytes);
    if (binary) return new CoreError('INPUT_BINARY', subject, binary).message;
    const decoded = decodeBytes(bytes, { declared, html: format === 'html' });
    if (decoded.replaced > 0) {
      this.warnText(
        `${subject}: ${decoded.replaced} invalid byte sequence${decoded.replaced === 1 ? '' : 's'} for ${decoded.encoding} replaced by U+FFFD; re-save it as valid UTF-8 or declare its charset`,
      );
    }
    return this.fromText(subject, format, decoded.text);
  }

  add(result: ExtractedContent | string, pending: Omit<Pending, 'content'>): void {
    if (typeof result === 'string') this.warnText(result);
    else this.pending.push({ ...pending, content: result });
  }

  /** A corpus record → a document; the record's own metadata wins over what extraction found. */
  async addRecord(container: string, r: CorpusRecord, where: string): Promise<void> {
    const subject = `${container}${where}`;
    const result = await this.fromText(subject, r.format, r.content);
    if (typeof result === 'string') {
      this.warnText(result);
      return;
    }
    const published = isoDate(r.published);
    if (published === null && r.published?.trim()) this.warnText(badDate(subject, r.published));
    const meta: ExtractedContent['meta'] = {
      title: r.title ?? result.meta.title,
      publisher: r.publisher ?? result.meta.publisher,
      published: published ?? result.meta.published,
      byline: result.meta.byline,
      url: r.url ?? result.meta.url,
    };
    const wanted = r.id?.trim() || urlSlug(r.url) || `${baseName(container)}-${r.position}`;
    this.pending.push({
      wanted,
      path: subject,
      format: r.format,
      content: { text: result.text, meta },
    });
  }

  corpusProblem(container: string, p: CorpusProblem, where: string): void {
    this.warn(new CoreError('INPUT_MALFORMED', `${container}${where}`, p.reason));
  }

  /** A whole JSON corpus held in memory (a .json file, stdin, a download). */
  async addJson(container: string, text: string): Promise<void> {
    const items = parseJsonCorpus(text, this.opts.fields);
    for (const item of items) {
      const where = item.position < 0 ? '' : `[${item.position}]`;
      if (isRecord(item)) await this.addRecord(container, item, where);
      else this.corpusProblem(container, item, where);
    }
  }

  /** JSONL from a stream, line by line; a line over --max-bytes is skipped without being held. */
  async addJsonl(
    container: string,
    chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array>,
  ): Promise<void> {
    let line = 0;
    const handle = async (bytes: Buffer | null, size: number): Promise<void> => {
      line++;
      if (bytes === null) {
        this.warn(
          new CoreError(
            'INPUT_TOO_LARGE',
            `${container}:${line}`,
            `a line of ${formatBytes(size)}, over the ${formatBytes(this.maxBytes)} limit (--max-bytes)`,
          ),
        );
        return;
      }
      const r = parseJsonlLine(bytes.toString('utf8'), line, this.opts.fields);
      if (r === null) return;
      if (isRecord(r)) await this.addRecord(container, r, `:${line}`);
      else this.corpusProblem(container, r, `:${line}`);
    };
    let parts: Buffer[] = [];
    let size = 0;
    let over = false;
    for await (const chunk of chunks) {
      let buf =
        typeof chunk === 'string'
          ? Buffer.from(chunk)
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
      for (let nl = buf.indexOf(10); nl !== -1; nl = buf.indexOf(10)) {
        const piece = buf.subarray(0, nl);
        size += piece.length;
        await handle(over || size > this.maxBytes ? null : Buffer.concat([...parts, piece]), size);
        parts = [];
        size = 0;
        over = false;
        buf = buf.subarray(nl + 1);
      }
      size += buf.length;
      if (size > this.maxBytes) {
        over = true;
        parts = [];
      } else if (buf.length > 0) parts.push(Buffer.from(buf));
    }
    if (size > 0) await handle(over ? null : Buffer.concat(parts), size);
  }

  /** Pages of a WARC stream. */
  async addWarc(
    container: string,
    chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  ): Promise<void> {
    for await (const item of readWarc(chunks, { maxBytes: this.maxBytes })) {
      const subject = `${container}#${item.record}${item.url ? ` (${item.url})` : ''}`;
      if (isWarcProblem(item)) {
        const code = /over the .* limit/.test(item.reason) ? 'INPUT_TOO_LARGE' : 'INPUT_MALFORMED';
        this.warn(new CoreError(code, subject, item.reason));
        continue;
      }
      const format = /text\/plain/i.test(item.contentType ?? '') ? 'txt' : 'html';
      const result = await this.fromBytes(subject, format, item.body, charsetOf(item.contentType));
      if (typeof result === 'string') {
        this.warnText(result);
        continue;
      }
      const content = {
        text: result.text,
        meta: { ...result.meta, url: result.meta.url ?? item.url },
      };
      this.pending.push({
        wanted: urlSlug(item.url) ?? `${baseName(container)}-${item.record}`,
        path: `${container}#${item.record}`,
        format,
        content,
      });
    }
  }

  /**
   * Content held in memory whose kind is known or sniffed (stdin, a
   * download): a corpus, a crawl, or one document.
   */
  async addBuffer(
    subject: string,
    wanted: string,
    body: Buffer,
    kind: InputKind | null,
    declared: string | null,
    url: string | null,
  ): Promise<void> {
    if (body.length >= 2 && body[0] === 0x1f && body[1] === 0x8b) {
      let plain: Buffer;
      try {
        plain = gunzipSync(body, { maxOutputLength: this.maxBytes });
      } catch (error) {
        const tooLarge = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        if (tooLarge)
          this.warn(
            new CoreError(
              'INPUT_TOO_LARGE',
              subject,
              `more than ${formatBytes(this.maxBytes)} once decompressed`,
            ),
          );
        else
          this.warn(
            new CoreError(
              'INPUT_MALFORMED',
              subject,
              `gzip data cannot be decompressed: ${errorDetail(error)}`,
            ),
          );
        return;
      }
      if (!(kind === 'warc')) return this.addBuffer(subject, wanted, plain, kind, declared, url);
      body = plain;
    }
    const head = body.subarray(0, 512).toString('latin1').trimStart();
    const sniffed: InputKind =
      kind ??
      (head.startsWith('WARC/')
        ? 'warc'
        : head.startsWith('{')
          ? 'jsonl'
          : head.startsWith('[')
            ? 'json'
            : head.startsWith('<')
              ? 'html'
              : 'txt');
    if (sniffed === 'warc') return this.addWarc(subject, [body]);
    if (sniffed === 'json' || sniffed === 'jsonl') {
      const text = body.toString('utf8');
      // A single pretty-printed object or array is JSON; one object per line is JSONL.
      if (
        sniffed === 'json' ||
        (text.trimStart().startsWith('{') &&
          text.trimEnd().endsWith('}') &&
          !/\}[^\S\n]*\n\s*\{/.test(text))
      )
        await this.addJson(subject, text);
      else await this.addJsonl(subject, [body]);
      return;
    }
    const result = await this.fromBytes(subject, sniffed, body, declared);
    if (typeof result === 'string') {
      this.warnText(result);
      return;
    }
    this.pending.push({
      wanted,
      path: subject,
      format: sniffed,
      content: { text: result.text, meta: { ...result.meta, url: result.meta.url ?? url } },
    });
  }

  async readFile(file: string): Promise<void> {
    const kind = inputKindOf(file);
    if (!kind) return;
    const { gzip } = ungz(file);
    let size: number;
    let regular: boolean;
    try {
      const info = statSync(file);
      size = info.size;
      regular = info.isFile();
    } catch (error) {
      this.warn(new CoreError('INPUT_UNREADABLE', file, errorDetail(error), { cause: error }));
      return;
    }
    try {
      if (kind === 'jsonl') {
        this.bytes += size;
        await this.addJsonl(file, fileStream(file, gzip) as AsyncIterable<Buffer>);
      } else if (kind === 'warc') {
        this.bytes += size;
        // warcio reads gzipped and plain WARC alike, record by record.
        await this.addWarc(file, createReadStream(file));
      } else {
        // One document (or a .json corpus): refused unread when over the limit.
        if (!gzip && size > this.maxBytes) {
          this.warn(
            new CoreError(
              'INPUT_TOO_LARGE',
              file,
              `${formatBytes(size)}, over the ${formatBytes(this.maxBytes)} limit (--max-bytes)`,
            ),
          );
          return;
        }
        // A small plain file is read whole (a content farm is thousands of
        // them, and a stream costs more than the read); others are streamed
        // and stopped at the limit.
        const bytes =
          !gzip && regular && size <= WHOLE_READ_BYTES
            ? readWhole(file, this.maxBytes)
            : await readLimited(fileStream(file, gzip) as AsyncIterable<Buffer>, this.maxBytes);
        this.bytes += size;
        if (kind === 'json') {
          const binary = sniffBinary(bytes);
          if (binary) this.warn(new CoreError('INPUT_BINARY', file, binary));
          else await this.addJson(file, decodeBytes(bytes).text);
          return;
        }
        this.add(await this.fromBytes(file, kind, bytes), {
          wanted: baseName(file),
          path: file,
          format: kind,
        });
      }
    } catch (error) {
      if (error instanceof TooLargeError) {
        this.warn(
          new CoreError(
            'INPUT_TOO_LARGE',
            file,
            `more than ${formatBytes(this.maxBytes)} once decompressed, over the limit (--max-bytes)`,
          ),
        );
      } else if ((error as NodeJS.ErrnoException).code?.startsWith('Z_')) {
        this.warn(
          new CoreError(
            'INPUT_MALFORMED',
            file,
            `gzip data cannot be decompressed: ${errorDetail(error)}`,
            { cause: error },
          ),
        );
      } else {
        this.warn(new CoreError('INPUT_UNREADABLE', file, errorDetail(error), { cause: error }));
      }
    }
  }

  async readStdin(): Promise<void> {
    let body: Buffer;
    try {
      body = await readLimited(this.opts.stdin ?? process.stdin, this.maxBytes);
    } catch (error) {
      if (error instanceof TooLargeError)
        this.warn(
          new CoreError('INPUT_TOO_LARGE', '-', `stdin holds ${error.message}; raise --max-bytes`),
        );
      else this.warn(new CoreError('INPUT_UNREADABLE', '-', errorDetail(error), { cause: error }));
      return;
    }
    this.bytes += body.length;
    await this.addBuffer('<stdin>', 'stdin', body, null, null, null);
  }

  async readUrl(url: string): Promise<void> {
    let page;
    try {
      page = await fetchUrl(url, { timeoutMs: this.timeoutMs, maxBytes: this.maxBytes });
    } catch (error) {
      if (error instanceof FetchError && error.kind === 'scheme')
        this.warn(new CoreError('INPUT_UNSUPPORTED', url, error.message));
      else if (error instanceof FetchError && error.kind === 'too-large')
        this.warn(new CoreError('INPUT_TOO_LARGE', url, error.message));
      else
        this.warn(new CoreError('INPUT_FETCH_FAILED', url, errorDetail(error), { cause: error }));
      return;
    }
    this.bytes += page.body.length;
    const type = (page.contentType ?? '').toLowerCase();
    const byType: InputKind | null = /html|xhtml/.test(type)
      ? 'html'
      : /markdown/.test(type)
        ? 'md'
        : /ndjson|jsonl|json-seq/.test(type)
          ? 'jsonl'
          : /json/.test(type)
            ? 'json'
            : /warc/.test(type)
              ? 'warc'
              : null;
    let byName: InputKind | null = null;
    try {
      byName = inputKindOf(new URL(page.url).pathname);
    } catch {
      byName = null;
    }
    // text/plain is what servers say for .md and .jsonl files too: the name decides then.
    const kind = byType ?? byName ?? (/text\/plain/.test(type) ? 'txt' : null);
    await this.addBuffer(
      url,
      urlSlug(page.url) ?? 'page',
      page.body,
      kind,
      charsetOf(page.contentType),
      page.url,
    );
  }
}

function badDate(subject: string, value: string): string {
  return `${subject}: published date "${value.trim()}" is not a valid date (YYYY-MM-DD, years 0001–9999); left empty (fix or remove the field)`;
}

/**
 * A document's metadata with an impossible publication date (from a page's
 * meta tags, front matter or a record: "9999-99-99", "+012345-01-01")
 * dropped and reported, so every report passes its own schema.
 */
/** Plain files up to this size are read in one call rather than streamed. */
const WHOLE_READ_BYTES = 1 << 20;

/**
 * A small file's bytes in one read.
 * @throws TooLargeError when it grew past `maxBytes` since it was measured.
 */
function readWhole(file: string, maxBytes: number): Buffer {
  // Synchronous for the reason the folder walk is.
  const bytes = readFileSync(file);
  if (bytes.length > maxBytes) throw new TooLargeError(maxBytes);
  return bytes;
}

/**
 * A document's text up to `maxChars` characters, cut at the last whitespace
 * before the limit (or at the limit when there is none near), with one
 * warning when anything was left out.
 */
export function withinChars(
  text: string,
  maxChars: number,
  path: string,
  warn: (message: string) => void,
): string {
  if (text.length <= maxChars) return text;
  let end = maxChars;
  const floor = Math.max(0, maxChars - 1000);
  while (end > floor && !/\s/.test(text[end] ?? '')) end--;
  if (end === floor) end = maxChars;
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  warn(
    `${path}: text of ${text.length.toLocaleString('en')} characters; only the first ${end.toLocaleString('en')} are analysed (--max-chars)`,
  );
  return text.slice(0, end).trimEnd();
}

function checkedMeta(p: Pending, warn: (message: string) => void): ExtractedContent['meta'] {
  const { published } = p.content.meta;
  if (published === null || isValidIsoDate(published)) return p.content.meta;
  warn(badDate(p.path, published));
  return { ...p.content.meta, published: null };
}

/** Gives each document a unique id: the one it wants, suffixed "-2", "-3"… on clashes (reported). */
function assignIds(pending: readonly Pending[], warn: (message: string) => void): string[] {
  const owner = new Map<string, string>();
  return pending.map((p) => {
    const base = p.wanted;
    let id = base;
    for (let n = 2; owner.has(id); n++) id = `${base}-${n}`;
    if (id !== base)
      warn(
        `${p.path}: another input (${owner.get(base) ?? '?'}) also has the id "${base}"; using id "${id}" (rename one to choose)`,
      );
    owner.set(id, p.path);
    return id;
  });
}

/** The types `ingest` accepts for each of its options (also checked by the pipeline for its `input`). */
export const INGEST_OPTION_RULES: Readonly<Record<string, Rule>> = {
  onWarning: rules.function,
  include: rules.stringArray,
  exclude: rules.stringArray,
  maxBytes: rules.positiveInt,
  maxChars: rules.positiveInt,
  timeoutMs: rules.positive,
  docTimeoutMs: rules.positive,
  fields: rules.stringRecord,
  stdin: rules.asyncIterable,
};

/** The JSON/JSONL field names `fields` may rename. */
const CORPUS_FIELDS = ['id', 'text', 'html', 'url', 'title', 'published', 'publisher'];

/**
 * Checks ingest options: each type, no unknown option, no unknown or empty
 * field name. `pipeline` words it for runPipeline's `options.input`.
 * @throws {CoreError} INVALID_ARGUMENT for a wrong type; INVALID_OPTION for an unknown name.
 */
export function checkIngestOptions(opts: unknown, name: string, pipeline = false): void {
  expectOptions(opts, name, INGEST_OPTION_RULES);
  // The pipeline takes these itself, beside `input`.
  const own: Readonly<Record<string, string>> = pipeline
    ? { onWarning: 'options.onEvent', docTimeoutMs: 'options.docTimeoutMs' }
    : {};
  const known = Object.keys(INGEST_OPTION_RULES).filter((k) => !Object.hasOwn(own, k));
  expectKnownOptions(opts, name, known, own);
  const fields = (opts as IngestOptions | undefined)?.fields;
  if (fields === undefined) return;
  expectKnownOptions(fields, `${name}.fields`, CORPUS_FIELDS);
  for (const [key, field] of Object.entries(fields))
    if (field === '')
      throw new CoreError('INVALID_OPTION', `${name}.fields.${key}`, 'an empty field name');
}

/**
 * Reads files, folders (recursively), "-" (stdin) and http(s) URLs into
 * documents: .txt, .md, .html, .json/.jsonl corpora, WARC crawls, and .gz
 * of any of them. Inputs that cannot be used (missing, unreadable, binary,
 * empty, too large, malformed, failed downloads) are skipped with a one-line
 * warning naming the input and the fix; so are bad records inside a corpus
 * or crawl. Extracting one HTML or Markdown document may take `docTimeoutMs`
 * (default 30 s); one that takes longer is skipped with one warning
 * ("<path>: reading took over 30 s; skipped (--doc-timeout)"), even when the
 * stuck code is synchronous.
 *
 * @throws {CoreError} NO_DOCUMENTS when not a single document is readable;
 *   INVALID_ARGUMENT when `inputs` is not an array of strings or an option has the wrong type;
 *   INVALID_OPTION for an option or field name it does not know.
 */
export async function ingest(
  inputs: readonly string[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  return ingestWith(inputs, opts, null);
}

/**
 * {@link ingest} reading HTML and Markdown through `shared`, a read budget
 * whose worker outlives the call (an index reader's: one worker start for
 * all its queries, rather than one per page); null starts and ends its own.
 * @throws as {@link ingest}.
 */
export async function ingestWith(
  inputs: readonly string[],
  opts: IngestOptions,
  shared: ReadBudget | null,
): Promise<IngestResult> {
  expectStringArray(inputs, 'ingest: inputs');
  checkIngestOptions(opts, 'ingest: opts');
  const warnings: string[] = [];
  const warnText = (message: string): void => {
    warnings.push(message);
    opts.onWarning?.(message);
  };
  const warn = (error: CoreError): void => warnText(error.message);

  const sources = await collectSources(inputs, opts, warn);
  const budget = shared ?? new ReadBudget(opts.docTimeoutMs);
  const reader = new Reader(opts, warn, warnText, budget);
  try {
    // Only HTML and Markdown need the worker: .txt files alone never start it.
    const plain = (s: Source) => s.kind === 'file' && inputKindOf(s.file) === 'txt';
    if (!sources.every(plain)) budget.warm();
    for (const source of sources) {
      if (source.kind === 'file') await reader.readFile(source.file);
      else if (source.kind === 'stdin') await reader.readStdin();
      else await reader.readUrl(source.url);
    }
  } finally {
    if (shared === null) budget.close();
  }
  const { pending } = reader;
  if (pending.length === 0) {
    throw new CoreError('NO_DOCUMENTS', inputs.length > 0 ? inputs.join(', ') : '(no inputs)');
  }
  const ids = assignIds(pending, warnText);
  const maxChars = opts.maxChars ?? DEFAULT_MAX_CHARS;
  const docs = pending.map((p, i): IngestedDoc => ({
    id: ids[i] ?? p.wanted,
    path: p.path,
    format: p.format,
    text: withinChars(p.content.text, maxChars, p.path, warnText),
    meta: checkedMeta(p, warnText),
  }));
  return { docs, warnings, bytes: reader.bytes };
}
