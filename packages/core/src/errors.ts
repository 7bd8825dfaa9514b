/**
 * One error class for everything core throws, with a machine-readable code.
 * Messages live in one table so the CLI and TUI word them the same way; each
 * names the input and the fix in one line.
 */

export type CoreErrorCode =
  | 'INPUT_NOT_FOUND'
  | 'INPUT_UNREADABLE'
  | 'INPUT_BINARY'
  | 'INPUT_EMPTY'
  | 'INPUT_UNSUPPORTED'
  | 'INPUT_TOO_LARGE'
  | 'INPUT_MALFORMED'
  | 'INPUT_FETCH_FAILED'
  | 'INPUT_LOOP'
  | 'STRICT_WARNINGS'
  | 'NO_DOCUMENTS'
  | 'ENCODER_UNAVAILABLE'
  | 'MODEL_LOAD_FAILED'
  | 'CACHE_CORRUPT'
  | 'INDEX_CORRUPT'
  | 'INDEX_LOCKED'
  | 'INDEX_MISSING'
  | 'INDEX_FOREIGN'
  | 'INDEX_DATABASE_DAMAGED'
  | 'INDEX_VECTORS_DAMAGED'
  | 'INDEX_TOO_NEW'
  | 'INVALID_OPTION'
  | 'INVALID_ARGUMENT'
  | 'INVALID_REPORT';

const messages: Record<CoreErrorCode, (subject: string, detail: string) => string> = {
  INPUT_NOT_FOUND: (s) => `${s}: no such file or folder; check the path`,
  INPUT_UNREADABLE: (s, d) => `${s}: cannot be read (${d}); check its permissions`,
  INPUT_BINARY: (s, d) =>
    `${s}: looks like binary data (${d}), not text or HTML; remove it from the inputs`,
  INPUT_EMPTY: (s) => `${s}: is empty or holds only whitespace; nothing to analyse`,
  INPUT_UNSUPPORTED: (s, d) =>
    `${s}: unsupported input (${d}); give .txt, .md, .html, .json, .jsonl or .warc files (optionally .gz), a folder, - or an http(s) URL`,
  INPUT_TOO_LARGE: (s, d) => `${s}: too large (${d}); raise --max-bytes or split it`,
  INPUT_MALFORMED: (s, d) => `${s}: malformed (${d}); fix or remove that part`,
  INPUT_FETCH_FAILED: (s, d) =>
    `${s}: download failed (${d}); check the URL or raise --timeout / --max-bytes`,
  INPUT_LOOP: (s, d) =>
    `${s}: folder loop (${d}); skipped, remove the symbolic link to silence this`,
  STRICT_WARNINGS: (s, d) => `--strict: ${d}, the first: ${s}`,
  NO_DOCUMENTS: (s) =>
    `${s}: no readable documents in the inputs; give at least one .txt, .md, .html, .json(l) or .warc file, - or a URL`,
  ENCODER_UNAVAILABLE: (s, d) => `${s}: encoder unavailable (${d})`,
  MODEL_LOAD_FAILED: (s, d) =>
    `${s}: cannot load the model (${d}); check the path or URL points at a TF.js model.json`,
  CACHE_CORRUPT: (s, d) => `${s}: cache file is corrupt (${d}); delete it and it will be rebuilt`,
  INDEX_CORRUPT: (s, d) => `${s}: index file is corrupt (${d}); delete it and rerun to rebuild`,
  // The on-disk index (stemma index …): subject is the --index folder.
  INDEX_LOCKED: (s, d) =>
    `index ${s} is locked by pid ${d}; wait for that stemma to finish (remove ${s}/lock only if no such process runs)`,
  INDEX_MISSING: (s) =>
    `${s}: no Stemma index here; create one with: stemma index add <paths…> --index ${s}`,
  INDEX_FOREIGN: (s, d) =>
    `${s}: not a Stemma index (${d}); pass the folder \`stemma index add\` created, or a new or empty one`,
  INDEX_DATABASE_DAMAGED: (s, d) =>
    `${s}: the index database is damaged (${d}); restore ${s}/stemma.db from a backup, or move ${s} away and rebuild with stemma index add`,
  INDEX_VECTORS_DAMAGED: (s, d) =>
    `${s}: the index's vector file is damaged (${d}); rebuild it from the database with: stemma index repair --index ${s}`,
  INDEX_TOO_NEW: (s, d) =>
    `${s}: index written by a newer stemma (${d}); upgrade stemma to open it`,
  INVALID_OPTION: (s, d) => `${s}: invalid option (${d})`,
  // Subject "<function>: <argument>", detail "<what it must be>, got <what it is>".
  INVALID_ARGUMENT: (s, d) => `${s} must be ${d}`,
  INVALID_REPORT: (s, d) => `${s}: report does not match the schema (${d})`,
};

export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly code: CoreErrorCode;
  /** The input (path, option, model) the error is about. */
  readonly subject: string;

  constructor(code: CoreErrorCode, subject: string, detail = '', options?: { cause?: unknown }) {
    super(messages[code](subject, detail), options);
    this.code = code;
    this.subject = subject;
  }

  /** True for CoreError instances, also across duplicated module copies. */
  static isInstance(value: unknown): value is CoreError {
    return value instanceof Error && value.name === 'CoreError' && 'code' in value;
  }
}
