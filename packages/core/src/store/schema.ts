/**
 * The index database's schema as plain versioned SQL. Each migration runs
 * once, in one transaction with the `user_version` it brings the file to,
 * so a file is always at exactly one version. Never edit a released
 * migration: add the next one.
 */

export interface Migration {
  /** The `PRAGMA user_version` the file has after this migration. */
  readonly version: number;
  readonly sql: string;
}

/** Tells a Stemma index from another SQLite file. */
export const FORMAT_NAME = 'stemma-index';

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- One row per page, as read (the text after extraction, its metadata).
CREATE TABLE documents (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  id         TEXT NOT NULL UNIQUE,
  path       TEXT NOT NULL,
  format     TEXT NOT NULL,
  hash       TEXT NOT NULL UNIQUE,
  meta       TEXT NOT NULL,
  text       TEXT NOT NULL,
  added_at   TEXT NOT NULL,
  generation INTEGER NOT NULL
) STRICT;

CREATE TABLE stories (
  id       TEXT PRIMARY KEY,
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,
  title    TEXT,
  language TEXT
) STRICT;
CREATE INDEX stories_doc ON stories(doc_seq);

-- One vector per distinct paragraph text: copies found by hash share it.
-- label is the point's label in the HNSW file; AUTOINCREMENT never reuses one.
CREATE TABLE vectors (
  label  INTEGER PRIMARY KEY AUTOINCREMENT,
  hash   TEXT NOT NULL UNIQUE,
  vector BLOB NOT NULL
) STRICT;

CREATE TABLE paragraphs (
  story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,
  text     TEXT NOT NULL,
  hash     TEXT NOT NULL,
  PRIMARY KEY (story_id, idx)
) STRICT;
CREATE INDEX paragraphs_hash ON paragraphs(hash);
`,
  },
  {
    // The vectors in segment files listed in meta 'segments' (written by the
    // migration from the one file schema 1 kept): a schema 1 reader would
    // take the newest segment for the whole index, so it must refuse this one.
    version: 2,
    sql: '',
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
