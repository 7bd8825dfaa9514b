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
  {
    // Relations stored at write time (issue 10's incremental lineage). A
    // component is a set of pages related together: their lineage is drawn
    // by the pipeline over those pages alone, and re-drawn when a page joins
    // or leaves it. Pages stored by a schema 2 build have no component until
    // the next write relates them.
    version: 3,
    sql: `
CREATE TABLE components (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  generation INTEGER NOT NULL,
  -- JSON: the report's parts for these pages (documents, lineage trees,
  -- hidden sources, independent pairs, quotations, encoder), hidden ids local.
  report     TEXT NOT NULL
) STRICT;

CREATE TABLE component_docs (
  doc_id    TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
  component INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX component_docs_component ON component_docs(component);

-- One row per edge of the lineage: parent and child are story ids, or
-- 'hidden:N' (N local to the component) for an inferred lost source.
CREATE TABLE relations (
  component        INTEGER NOT NULL REFERENCES components(id) ON DELETE CASCADE,
  ord              INTEGER NOT NULL,
  parent           TEXT NOT NULL,
  child            TEXT NOT NULL,
  kind             TEXT NOT NULL,
  confidence       REAL NOT NULL,
  scores           TEXT NOT NULL,
  alignment        TEXT NOT NULL,
  evidence         TEXT NOT NULL,
  measured_against TEXT,
  -- The generation that first stored this edge with this kind and confidence.
  generation       INTEGER NOT NULL,
  PRIMARY KEY (component, ord)
) STRICT;
CREATE INDEX relations_parent ON relations(parent);
CREATE INDEX relations_child ON relations(child);

-- Each page's successive contents: a page read again from the same path with
-- other content is a new version of the same document id; the superseded
-- versions keep their text here (not in the lineage).
CREATE TABLE versions (
  doc_id     TEXT NOT NULL,
  path       TEXT NOT NULL,
  hash       TEXT NOT NULL,
  generation INTEGER NOT NULL,
  current    INTEGER NOT NULL,
  format     TEXT,
  meta       TEXT,
  text       TEXT,
  PRIMARY KEY (doc_id, generation)
) STRICT;
CREATE INDEX versions_path ON versions(path);
INSERT INTO versions (doc_id, path, hash, generation, current)
  SELECT id, path, hash, generation, 1 FROM documents;
`,
  },
  {
    // Finding the stored page read from a path (`docByPath`: is a page read
    // again a new version?) scanned every document: once per page added, so
    // adding 1,000 pages to 100,000 read 100 million rows. And each
    // relation's extent (wholly or partially derived, with P(wholly)), which
    // reports gained: NULL on relations stored before it.
    version: 4,
    sql: `
CREATE INDEX documents_path ON documents(path, seq);
ALTER TABLE relations ADD COLUMN extent TEXT;
ALTER TABLE relations ADD COLUMN p_wholly REAL;
`,
  },
  {
    // A component's report holds its pages' paragraph text (the group's
    // segmentation, which the paragraphs table need not match), and each
    // page keeps the text it was read as (to segment it again with others):
    // together 3.6 of 10.8 MB over 671 generated pages. New rows store them
    // gzipped in \`packed\` (the text column '', kept NOT NULL); rows
    // written before keep their plain text. Versions keep a page's packed
    // text as its text.
    version: 5,
    sql: `
ALTER TABLE components ADD COLUMN packed BLOB;
ALTER TABLE documents ADD COLUMN packed BLOB;
ALTER TABLE versions ADD COLUMN packed BLOB;
`,
  },
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
