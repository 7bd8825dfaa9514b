/**
 * Stage 1: read the inputs. Files and folders (recursively) of .txt, .md and
 * .html become documents; a bad single input becomes a one-line warning and
 * the run goes on.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { CoreError } from '../errors.js';
import type { IngestedDoc } from '../types.js';
import { decodeText, sniffBinary } from './bytes.js';
import { extractHtml } from './html.js';
import { extractMarkdown } from './markdown.js';
import type { ExtractedContent, IngestOptions, IngestResult } from './types.js';

const FORMATS: Readonly<Record<string, IngestedDoc['format']>> = {
  '.txt': 'txt',
  '.text': 'txt',
  '.md': 'md',
  '.markdown': 'md',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
};

/** The document format for a file name, or null when the extension is not supported. */
export function formatOf(file: string): IngestedDoc['format'] | null {
  return FORMATS[path.extname(file).toLowerCase()] ?? null;
}

function errorDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}` : error.message.split('\n')[0] ?? error.message;
  }
  return String(error);
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

/**
 * Expands the given paths into the supported files under them, sorted by
 * path. Hidden entries and documentation files (README.md…) inside folders are skipped; unsupported files inside
 * folders are skipped silently, but an unsupported file named explicitly is
 * reported.
 */
async function collectFiles(paths: readonly string[], warn: (e: CoreError) => void): Promise<string[]> {
  const found = new Set<string>();
  const seenDirs = new Set<string>();

  const visitDir = async (dir: string): Promise<void> => {
    let real: string;
    try {
      real = await realpath(dir);
    } catch (error) {
      warn(new CoreError('INPUT_UNREADABLE', dir, errorDetail(error), { cause: error }));
      return;
    }
    if (seenDirs.has(real)) return; // symlink loop or the same folder given twice
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
      let info;
      try {
        info = await stat(full);
      } catch (error) {
        // A dangling symlink or an entry that vanished: only worth a warning if it would have been read.
        if (formatOf(name)) warn(new CoreError('INPUT_UNREADABLE', full, errorDetail(error), { cause: error }));
        continue;
      }
      if (info.isDirectory()) await visitDir(full);
      else if (info.isFile() && formatOf(name)) found.add(full);
    }
  };

  for (const given of paths) {
    const full = path.resolve(given);
    let info;
    try {
      info = await stat(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') warn(new CoreError('INPUT_NOT_FOUND', given, '', { cause: error }));
      else warn(new CoreError('INPUT_UNREADABLE', given, errorDetail(error), { cause: error }));
      continue;
    }
    if (info.isDirectory()) await visitDir(full);
    else if (!formatOf(full)) {
      warn(new CoreError('INPUT_UNSUPPORTED', given, `extension "${path.extname(full) || 'none'}"`));
    } else found.add(full);
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function extract(format: IngestedDoc['format'], text: string): ExtractedContent {
  if (format === 'html') return extractHtml(text);
  if (format === 'md') return extractMarkdown(text);
  return { text, meta: { title: null, publisher: null, published: null, byline: null, url: null } };
}

/** Reads one file into a document, or returns the reason it cannot be used. */
async function readDoc(file: string, format: IngestedDoc['format']): Promise<ExtractedContent | CoreError> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    return new CoreError('INPUT_UNREADABLE', file, errorDetail(error), { cause: error });
  }
  const binary = sniffBinary(bytes);
  if (binary) return new CoreError('INPUT_BINARY', file, binary);
  const raw = decodeText(bytes);
  if (!raw.trim()) return new CoreError('INPUT_EMPTY', file);
  let content: ExtractedContent;
  try {
    content = extract(format, raw);
  } catch (error) {
    return new CoreError('INPUT_UNSUPPORTED', file, `${format} could not be parsed: ${errorDetail(error)}`, {
      cause: error,
    });
  }
  if (!content.text.trim()) {
    // Markup without any text (an empty shell, a page that builds itself with scripts).
    return new CoreError('INPUT_EMPTY', file);
  }
  return content;
}

/** Gives each document a unique id: its file name without extension, suffixed "-2", "-3"… on clashes. */
function assignIds(files: readonly string[], warn: (message: string) => void): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const base = path.basename(file, path.extname(file));
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    if (id !== base) warn(`${file}: another input is also named "${base}"; using id "${id}" (rename one to choose)`);
    used.add(id);
    return id;
  });
}

/**
 * Reads files and folders (recursively) of .txt, .md and .html into documents.
 * Inputs that cannot be used (missing, unreadable, binary, empty, broken)
 * are skipped with a one-line warning naming the file and the fix.
 *
 * @throws {CoreError} NO_DOCUMENTS when not a single input is readable.
 */
export async function ingest(paths: readonly string[], opts: IngestOptions = {}): Promise<IngestResult> {
  const warnings: string[] = [];
  const warnText = (message: string): void => {
    warnings.push(message);
    opts.onWarning?.(message);
  };
  const warn = (error: CoreError): void => warnText(error.message);

  const files = await collectFiles(paths, warn);
  const readable: { file: string; format: IngestedDoc['format']; content: ExtractedContent }[] = [];
  for (const file of files) {
    const format = formatOf(file);
    if (!format) continue;
    const result = await readDoc(file, format);
    if (CoreError.isInstance(result)) warn(result);
    else readable.push({ file, format, content: result });
  }
  if (readable.length === 0) {
    throw new CoreError('NO_DOCUMENTS', paths.length > 0 ? paths.join(', ') : '(no inputs)');
  }
  const ids = assignIds(
    readable.map((r) => r.file),
    warnText,
  );
  const docs = readable.map(
    (r, i): IngestedDoc => ({
      id: ids[i] ?? path.basename(r.file),
      path: r.file,
      format: r.format,
      text: r.content.text,
      meta: r.content.meta,
    }),
  );
  return { docs, warnings };
}
