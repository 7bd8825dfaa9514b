/**
 * The on-disk index: a folder holding `stemma.db` (SQLite, WAL) and the
 * vector segments `vectors-<generation>[-<k>].hnsw`. SQLite is the truth; the
 * segments are derived from its `vectors` table, and its `meta` row
 * `segments` lists the files of the committed generation, each with the
 * generation it was written at (which its header carries).
 *
 * A write (add, remove, repair) goes: change the segments it touches in
 * memory → save each as a new file of the next generation (temporary name,
 * fsync, rename) → commit the rows, the new generation and its list of
 * segments in one transaction → delete the files no longer listed. A
 * segment the write did not touch is kept as it is, so an add writes only
 * the new points' segment, not the whole index. A kill at any moment leaves
 * the last commit and the files it lists; files of uncommitted generations
 * are swept by the next writer.
 *
 * better-sqlite3 is native and loaded here only, lazily, so importing core
 * never loads it.
 */

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type BetterSqlite3 from 'better-sqlite3';
import { CoreError } from '../errors.js';
import type { DocMeta, IngestedDoc, Relation, Story } from '../types.js';
import { testPause } from '../util/doc-budget.js';
import { acquireLock } from './lock.js';
import { FORMAT_NAME, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import type { IndexStats, VerifyResult } from './types.js';
import { SEGMENT_POINTS, SegmentedGraph, VectorFileError, VectorGraph } from './vector-file.js';

type Db = BetterSqlite3.Database;

export const DB_FILE = 'stemma.db';
const VECTOR_FILE = /^vectors-\d+(?:-\d+)?\.hnsw$/;

/** A vector segment of the committed generation: its file, and the generation it was written at. */
interface SegmentRef {
  readonly file: string;
  readonly generation: number;
}

/** A document to store, with its stories and the vectors of its new paragraph texts. */
export interface StoredDocInput {
  readonly doc: IngestedDoc;
  readonly hash: string;
  readonly stories: readonly Story[];
}

/** One component of the lineage to store: its pages, its report parts, its edges. */
export interface ComponentInput {
  readonly docs: readonly string[];
  /**
   * JSON of {@link StoredComponentReport}, gzipped (as stored) where the
   * component is drawn: a write holds every component it draws until it
   * commits, and the JSON took about eight times the bytes.
   */
  readonly packed: Uint8Array;
  readonly relations: readonly Relation[];
}

/**
 * The lineage a write changes, committed with its rows: the components
 * `drop` (their relations go with them) are replaced by `components`.
 */
export interface LineageChange {
  readonly drop: readonly number[];
  readonly components: readonly ComponentInput[];
}

/** A stored relation, with the component and generation that stored it. */
export interface StoredRelation extends Relation {
  readonly component: number;
  /** The generation that first stored this edge with this kind and confidence. */
  readonly generation: number;
}

/** A stored paragraph found by hash or vector. */
export interface ParagraphHit {
  readonly docId: string;
  readonly storyId: string;
  readonly index: number;
  readonly hash: string;
}

function isSqliteCorruption(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_CORRUPT') ||
      code === 'SQLITE_NOTADB' ||
      code === 'SQLITE_IOERR_SHORT_READ')
  );
}

/** SQLite's corruption errors as the one-line index error; others unchanged. */
export function mapDbError(dir: string, error: unknown): unknown {
  if (CoreError.isInstance(error)) return error;
  if (isSqliteCorruption(error))
    return new CoreError('INDEX_DATABASE_DAMAGED', dir, (error as Error).message, {
      cause: error,
    });
  return error;
}

/** The file of the `k`-th segment (from 0) written at `generation`. */
export function vectorFileName(generation: number, k = 0): string {
  return k === 0 ? `vectors-${generation}.hnsw` : `vectors-${generation}-${k}.hnsw`;
}

function toBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function fromBlob(b: Buffer): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}

export interface OpenIndexOptions {
  /** Take the write lock (one writer at a time); readers never wait. */
  readonly write: boolean;
  /** Create the folder and database when missing (`index add`). */
  readonly create?: boolean;
  /** The most points a vector segment takes (tests make it small). */
  readonly segmentPoints?: number;
}

/**
 * Checks what `dir` holds before anything touches it.
 * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_DATABASE_DAMAGED.
 */
function checkFolder(dir: string, create: boolean): 'existing' | 'new' {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    if (create) return 'new';
    throw new CoreError('INDEX_MISSING', dir);
  }
  if (!stat.isDirectory()) throw new CoreError('INDEX_FOREIGN', dir, 'a file, not a folder');
  const db = path.join(dir, DB_FILE);
  if (fs.existsSync(db)) {
    if (fs.statSync(db).size === 0 && !fs.existsSync(`${db}-wal`))
      throw new CoreError('INDEX_DATABASE_DAMAGED', dir, `${DB_FILE} is empty`);
    return 'existing';
  }
  // A writer killed before its first commit leaves its lock (or a temporary file) behind.
  const entries = fs
    .readdirSync(dir)
    .filter((e) => !e.startsWith('.') && e !== 'lock' && !e.endsWith('.tmp'));
  if (entries.length > 0)
    throw new CoreError(
      'INDEX_FOREIGN',
      dir,
      `no ${DB_FILE}, and it holds other files such as ${entries[0] ?? ''}`,
    );
  if (create) return 'new';
  throw new CoreError('INDEX_MISSING', dir);
}

/** The committed generation and the vector files (segments) it lists. */
interface Committed {
  readonly generation: number;
  readonly segments: readonly SegmentRef[];
}

/** The open index: its database, the write lock when writing, the vector graph on demand. */
export class IndexStore {
  readonly dir: string;
  readonly writable: boolean;
  readonly #db: Db;
  /** Statements asked once per paragraph or vector, prepared once (see {@link IndexStore.#statement}). */
  readonly #statements = new Map<string, BetterSqlite3.Statement>();
  readonly #release: (() => void) | null;
  readonly #segmentPoints: number;
  #graph: SegmentedGraph | null = null;
  /** The generation #graph was loaded for (a reader kept open compares it with the committed one). */
  #graphGeneration = -1;

  private constructor(dir: string, db: Db, release: (() => void) | null, segmentPoints: number) {
    this.dir = dir;
    this.#db = db;
    this.#release = release;
    this.writable = release !== null;
    this.#segmentPoints = segmentPoints;
  }

  /**
   * Opens (or with `create`, creates) the index in `dir`.
   * @throws CoreError INDEX_MISSING, INDEX_FOREIGN, INDEX_LOCKED,
   *   INDEX_DATABASE_DAMAGED, INDEX_TOO_NEW.
   */
  static async open(dir: string, options: OpenIndexOptions): Promise<IndexStore> {
    const state = checkFolder(dir, options.create === true);
    if (state === 'new') fs.mkdirSync(dir, { recursive: true });
    const release = options.write ? acquireLock(dir) : null;
    let db: Db | undefined;
    try {
      const { default: Database } = await import('better-sqlite3');
      db = new Database(path.join(dir, DB_FILE), {
        readonly: !options.write,
        fileMustExist: state === 'existing',
      });
      db.pragma('busy_timeout = 5000');
      if (options.write) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = FULL');
      }
      db.pragma('foreign_keys = ON');
      const store = new IndexStore(dir, db, release, options.segmentPoints ?? SEGMENT_POINTS);
      store.#checkSchema(state);
      if (options.write) store.#sweep();
      return store;
    } catch (error) {
      db?.close();
      release?.();
      throw mapDbError(dir, error);
    }
  }

  /** Migrates a writable file to this build's schema; checks a read-only one is readable. */
  #checkSchema(state: 'existing' | 'new'): void {
    const db = this.#db;
    const version = db.pragma('user_version', { simple: true }) as number;
    const objects = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number;
    if (state === 'existing' && version === 0 && objects === 0) {
      // Created by a writer killed before its first commit: nothing was ever stored.
      if (!this.writable) throw new CoreError('INDEX_MISSING', this.dir);
    } else if (state === 'existing') {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'meta'")
        .all();
      if (version === 0 || tables.length === 0)
        throw new CoreError('INDEX_FOREIGN', this.dir, `${DB_FILE} is not a Stemma index database`);
      const format = this.#meta('format');
      if (format !== FORMAT_NAME)
        throw new CoreError('INDEX_FOREIGN', this.dir, `${DB_FILE} holds format ${String(format)}`);
    }
    if (version > SCHEMA_VERSION)
      throw new CoreError(
        'INDEX_TOO_NEW',
        this.dir,
        `schema ${version}, this one reads ${SCHEMA_VERSION}`,
      );
    // A reader takes an older schema as it is (schema 1's one vector file is
    // its one segment); the next writer migrates it.
    if (version === SCHEMA_VERSION || !this.writable) return;
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      db.transaction(() => {
        db.exec(m.sql);
        if (m.version === 1) {
          const set = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
          set.run('format', FORMAT_NAME);
          set.run('generation', '0');
          set.run('created_at', new Date().toISOString());
        }
        if (m.version === 2)
          this.#setMeta('segments', JSON.stringify(legacySegments(this.generation)));
        db.pragma(`user_version = ${m.version}`);
      })();
    }
  }

  /** Removes files of generations never committed and temporary files of killed writers. */
  #sweep(): void {
    const current = new Set(this.#committed().segments.map((s) => s.file));
    for (const name of fs.readdirSync(this.dir)) {
      // Not `lock.<pid>.tmp`: another writer may be trying for the lock right now.
      const stale =
        (VECTOR_FILE.test(name) && !current.has(name)) ||
        (name.endsWith('.tmp') && !name.startsWith('lock.'));
      // Another writer's private lock file is not ours to remove… but we hold the lock.
      if (stale) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  #meta(key: string): string | undefined {
    const row = this.#db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      { value: string } | undefined;
    return row?.value;
  }

  /** The last committed generation (0: nothing added yet). */
  get generation(): number {
    return Number(this.#meta('generation') ?? '0');
  }

  /**
   * Checks that vectors from `encoder` may be stored beside (and compared
   * with) the stored ones.
   * @throws CoreError INVALID_OPTION naming the fix when they came from
   *   another encoder: the same --model, or the same SIF fit (STEMMA_SIF_FIT).
   */
  assertEncoder(encoder: { readonly name: string; readonly dimensions: number }): void {
    const stored = this.encoder;
    if (
      stored === null ||
      (stored.name === encoder.name && stored.dimensions === encoder.dimensions)
    )
      return;
    // The SIF encoder's two fits (STEMMA_SIF_FIT): same words, vectors that do not mix.
    if (`${stored.name}-fixed` === encoder.name)
      throw new CoreError(
        'INVALID_OPTION',
        this.dir,
        `the index holds ${stored.name} vectors (the SIF encoder's batch fit), this run encodes with its fixed fit; unset STEMMA_SIF_FIT, or index the pages again into a new folder`,
      );
    if (stored.name === `${encoder.name}-fixed`)
      throw new CoreError(
        'INVALID_OPTION',
        this.dir,
        `the index holds ${stored.name} vectors (the SIF encoder's fixed fit), this run encodes with its batch fit; run with STEMMA_SIF_FIT=fixed`,
      );
    throw new CoreError(
      'INVALID_OPTION',
      this.dir,
      `the index holds ${stored.name} vectors (${stored.dimensions} dimensions), this run encodes with ${encoder.name}; use the same --model`,
    );
  }

  /** The encoder the stored vectors came from, when any were stored. */
  get encoder(): { readonly name: string; readonly dimensions: number } | null {
    const v = this.#meta('encoder');
    return v === undefined ? null : (JSON.parse(v) as { name: string; dimensions: number });
  }

  /**
   * The committed generation and its segments, read in one statement (one
   * snapshot: a writer's commit between two reads would pair them wrongly).
   */
  #committed(): Committed {
    const rows = this.#db
      .prepare("SELECT key, value FROM meta WHERE key IN ('generation', 'segments')")
      .all() as { key: string; value: string }[];
    const value = (key: string) => rows.find((r) => r.key === key)?.value;
    const generation = Number(value('generation') ?? '0');
    const segments = value('segments');
    return {
      generation,
      // No list: a schema 1 index, read before any writer migrated it.
      segments:
        segments === undefined
          ? legacySegments(generation)
          : (JSON.parse(segments) as SegmentRef[]),
    };
  }

  /** Closes the database and releases the lock. */
  close(): void {
    this.#db.close();
    this.#release?.();
  }

  /**
   * The vector segments of the committed generation, loaded once per
   * generation: a store opened read-only and kept open (an index reader) loads
   * them again after a writer has committed a newer generation.
   * @throws CoreError INDEX_VECTORS_DAMAGED when a file is missing,
   *   damaged or of another generation.
   */
  graph(): SegmentedGraph {
    if (this.#graph !== null && (this.writable || this.#graphGeneration === this.generation))
      return this.#graph;
    this.#graph = null;
    const enc = this.encoder;
    const generation = this.generation;
    if (generation === 0 || enc === null) {
      this.#graph = new SegmentedGraph(enc?.dimensions ?? 1, []);
      this.#graphGeneration = generation;
      return this.#graph;
    }
    try {
      const loaded = this.#loadCommitted(enc.dimensions);
      this.#graph = loaded.graph;
      this.#graphGeneration = loaded.generation;
      return loaded.graph;
    } catch (error) {
      if (error instanceof VectorFileError)
        throw new CoreError('INDEX_VECTORS_DAMAGED', this.dir, error.message, { cause: error });
      throw error;
    }
  }

  /**
   * Loads the segments of the committed generation. A reader may find one
   * gone: a writer committed the next generation and deleted it in between;
   * then the new generation's segments are read instead.
   */
  #loadCommitted(dimensions: number): { graph: SegmentedGraph; generation: number } {
    const first = this.#committed();
    const load = (committed: Committed) => ({
      graph: new SegmentedGraph(
        dimensions,
        committed.segments.map((ref) => this.#loadSegment(ref, dimensions)),
      ),
      generation: committed.generation,
    });
    try {
      return load(first);
    } catch (error) {
      const now = this.#committed();
      if (this.writable || now.generation === first.generation) throw error;
      return load(now);
    }
  }

  /** One segment, checked against the generation and dimensions the database names. */
  #loadSegment(ref: SegmentRef, dimensions: number): VectorGraph {
    try {
      const { graph, header } = VectorGraph.load(path.join(this.dir, ref.file));
      if (header.generation !== ref.generation)
        throw new VectorFileError(
          `generation ${header.generation}, the database names ${ref.generation}`,
        );
      if (header.dimensions !== dimensions)
        throw new VectorFileError(
          `${header.dimensions} dimensions, the database has ${dimensions}`,
        );
      return graph;
    } catch (error) {
      if (error instanceof VectorFileError && error.file === undefined)
        throw new VectorFileError(error.message, { file: ref.file, cause: error });
      throw error;
    }
  }

  /** The stored document with this content hash, if any. */
  docByHash(hash: string): { readonly id: string; readonly path: string } | undefined {
    return this.#db.prepare('SELECT id, path FROM documents WHERE hash = ?').get(hash) as
      { id: string; path: string } | undefined;
  }

  /** Ids already taken. */
  docIds(): Set<string> {
    const rows = this.#db
      .prepare('SELECT id FROM documents ORDER BY seq')
      .pluck()
      .all() as string[];
    return new Set(rows);
  }

  /** Whether a stored document has this id (one lookup, where {@link docIds} reads them all). */
  hasDoc(id: string): boolean {
    return this.#db.prepare('SELECT 1 FROM documents WHERE id = ?').pluck().get(id) !== undefined;
  }

  /** The paths of these stored documents, by id (their texts are not read). */
  paths(ids: readonly string[]): Map<string, string> {
    const rows = this.#db
      .prepare('SELECT id, path FROM documents WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids)) as { id: string; path: string }[];
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** The current document read from this path, if any (a new content there is a new version). */
  docByPath(docPath: string): { readonly id: string; readonly hash: string } | undefined {
    return this.#db
      .prepare('SELECT id, hash FROM documents WHERE path = ? ORDER BY seq DESC LIMIT 1')
      .get(docPath) as { id: string; hash: string } | undefined;
  }

  /** The component each of these documents belongs to (those without one are left out). */
  componentsOf(ids: Iterable<string>): Map<string, number> {
    const rows = this.#db
      .prepare(
        'SELECT doc_id, component FROM component_docs WHERE doc_id IN (SELECT value FROM json_each(?))',
      )
      .all(JSON.stringify([...ids])) as { doc_id: string; component: number }[];
    return new Map(rows.map((r) => [r.doc_id, r.component]));
  }

  /** The documents of these components. */
  docsOfComponents(components: Iterable<number>): string[] {
    return this.#db
      .prepare(
        `SELECT c.doc_id FROM component_docs c JOIN documents d ON d.id = c.doc_id
         WHERE c.component IN (SELECT value FROM json_each(?)) ORDER BY d.seq`,
      )
      .pluck()
      .all(JSON.stringify([...components])) as string[];
  }

  /**
   * Stored documents in no component: stored by a schema 2 build, before
   * relations were stored (none once the index has been written by this build).
   */
  unrelatedDocs(): string[] {
    if (!this.#hasLineage()) return this.docIds().size === 0 ? [] : [...this.docIds()];
    return this.#db
      .prepare(
        `SELECT id FROM documents d WHERE NOT EXISTS
           (SELECT 1 FROM component_docs c WHERE c.doc_id = d.id) ORDER BY seq`,
      )
      .pluck()
      .all() as string[];
  }

  /** The file's schema version (a reader may hold an older one than this build writes). */
  #schemaVersion(): number {
    return this.#db.pragma('user_version', { simple: true }) as number;
  }

  /** Whether the file has the lineage tables (schema 3). */
  #hasLineage(): boolean {
    return this.#schemaVersion() >= 3;
  }

  /** The paragraph hashes of each of these stored documents, in story and paragraph order. */
  paragraphHashesOf(ids: readonly string[]): Map<string, string[]> {
    const rows = this.#db
      .prepare(
        `SELECT d.id AS id, p.hash AS hash FROM documents d JOIN stories s ON s.doc_seq = d.seq
         JOIN paragraphs p ON p.story_id = s.id
         WHERE d.id IN (SELECT value FROM json_each(?)) ORDER BY d.seq, s.idx, p.idx`,
      )
      .all(JSON.stringify(ids)) as { id: string; hash: string }[];
    const out = new Map<string, string[]>(ids.map((id) => [id, []]));
    for (const r of rows) out.get(r.id)?.push(r.hash);
    return out;
  }

  /** The page (id, path) and title of each of these stories; `pathOf` a page's path. */
  storyDocs(ids: readonly string[]): {
    get(story: string): { docId: string; path: string; title: string | null } | undefined;
    pathOf(docId: string): string;
  } {
    const rows = this.#db
      .prepare(
        `SELECT s.id AS story, d.id AS docId, d.path AS path, s.title AS title
         FROM stories s JOIN documents d ON d.seq = s.doc_seq
         WHERE s.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify([...new Set(ids)])) as {
      story: string;
      docId: string;
      path: string;
      title: string | null;
    }[];
    const byStory = new Map(rows.map((r) => [r.story, r]));
    const paths = new Map(rows.map((r) => [r.docId, r.path]));
    return {
      get: (story) => byStory.get(story),
      pathOf: (docId) => paths.get(docId) ?? this.paths([docId]).get(docId) ?? '',
    };
  }

  /** The stored vectors of these paragraph hashes. */
  vectorsByHash(hashes: Iterable<string>): Map<string, Float32Array> {
    const get = this.#db.prepare('SELECT vector FROM vectors WHERE hash = ?').pluck();
    const out = new Map<string, Float32Array>();
    for (const h of hashes) {
      const b = get.get(h) as Buffer | undefined;
      if (b !== undefined) out.set(h, fromBlob(b));
    }
    return out;
  }

  /**
   * Every stored component in the order of its first document: id and report JSON.
   * @throws CoreError INDEX_DATABASE_DAMAGED when a packed report does not inflate.
   */
  components(): { readonly id: number; readonly report: string }[] {
    if (!this.#hasLineage()) return [];
    const rows = this.#db
      .prepare(
        `SELECT k.id AS id, k.report AS report, ${this.#schemaVersion() >= 5 ? 'k.packed' : 'NULL'} AS packed
         FROM components k
         ORDER BY (SELECT min(d.seq) FROM component_docs c JOIN documents d ON d.id = c.doc_id
                   WHERE c.component = k.id), k.id`,
      )
      .all() as { id: number; report: string; packed: Buffer | null }[];
    return rows.map(({ id, report, packed }) => ({
      id,
      report:
        packed === null ? report : this.#inflate(packed, `component ${id}: its stored report`),
    }));
  }

  /**
   * Stored relations, by component then in the order the lineage stage gave
   * them; with `since`, only those first stored at a generation after it.
   */
  relations(since = 0): StoredRelation[] {
    if (!this.#hasLineage()) return [];
    type Row = {
      component: number;
      parent: string;
      child: string;
      kind: Relation['kind'];
      confidence: number;
      scores: string;
      alignment: string;
      evidence: string;
      measured_against: string | null;
      extent: Relation['extent'] | null;
      p_wholly: number | null;
      generation: number;
    };
    // A schema 3 file (read as it is) has no extent columns.
    const extent =
      this.#schemaVersion() >= 4 ? 'extent, p_wholly' : 'NULL AS extent, NULL AS p_wholly';
    const rows = this.#db
      .prepare(
        `SELECT component, parent, child, kind, confidence, scores, alignment, evidence,
                measured_against, ${extent}, generation
         FROM relations WHERE generation > ? ORDER BY component, ord`,
      )
      .all(since) as Row[];
    return rows.map((r) => ({
      component: r.component,
      parent: r.parent,
      child: r.child,
      kind: r.kind,
      confidence: r.confidence,
      scores: JSON.parse(r.scores) as Relation['scores'],
      alignment: JSON.parse(r.alignment) as Relation['alignment'],
      evidence: JSON.parse(r.evidence) as string[],
      ...(r.measured_against === null ? {} : { measuredAgainst: r.measured_against }),
      ...(r.extent === null ? {} : { extent: r.extent }),
      ...(r.p_wholly === null ? {} : { pWholly: r.p_wholly }),
      generation: r.generation,
    }));
  }

  /** The versions stored for a document, oldest first. */
  versions(id: string): {
    readonly hash: string;
    readonly path: string;
    readonly generation: number;
    readonly current: boolean;
  }[] {
    if (!this.#hasLineage()) return [];
    const rows = this.#db
      .prepare(
        'SELECT hash, path, generation, current FROM versions WHERE doc_id = ? ORDER BY generation',
      )
      .all(id) as { hash: string; path: string; generation: number; current: number }[];
    return rows.map((r) => ({ ...r, current: r.current === 1 }));
  }

  /**
   * Replaces the components `change.drop` by `change.components`, inside the
   * caller's transaction. An edge stored before with the same ends, kind
   * and confidence keeps the generation that first stored it.
   */
  #writeLineage(change: LineageChange, next: number): void {
    const db = this.#db;
    const before = new Map<string, number>();
    const key = (r: Pick<Relation, 'parent' | 'child' | 'kind' | 'confidence'>) =>
      `${r.parent}\u0000${r.child}\u0000${r.kind}\u0000${r.confidence}`;
    if (change.drop.length > 0) {
      const old = db
        .prepare(
          `SELECT parent, child, kind, confidence, generation FROM relations
           WHERE component IN (SELECT value FROM json_each(?))`,
        )
        .all(JSON.stringify(change.drop)) as {
        parent: string;
        child: string;
        kind: Relation['kind'];
        confidence: number;
        generation: number;
      }[];
      for (const r of old) before.set(key(r), r.generation);
      const del = db.prepare('DELETE FROM components WHERE id = ?');
      for (const id of change.drop) del.run(id);
    }
    const insertComponent = db.prepare(
      "INSERT INTO components (generation, report, packed) VALUES (?, '', ?)",
    );
    const insertMember = db.prepare(
      'INSERT INTO component_docs (doc_id, component) VALUES (?, ?) ON CONFLICT (doc_id) DO UPDATE SET component = excluded.component',
    );
    const insertRelation = db.prepare(
      `INSERT INTO relations (component, ord, parent, child, kind, confidence, scores, alignment,
                              evidence, measured_against, extent, p_wholly, generation)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const c of change.components) {
      const packed = Buffer.from(c.packed.buffer, c.packed.byteOffset, c.packed.byteLength);
      const id = insertComponent.run(next, packed).lastInsertRowid;
      for (const d of c.docs) insertMember.run(d, id);
      c.relations.forEach((r, i) =>
        insertRelation.run(
          id,
          i,
          r.parent,
          r.child,
          r.kind,
          r.confidence,
          JSON.stringify(r.scores),
          JSON.stringify(r.alignment),
          JSON.stringify(r.evidence),
          r.measuredAgainst ?? null,
          r.extent ?? null,
          r.pWholly ?? null,
          before.get(key(r)) ?? next,
        ),
      );
    }
  }

  /** Which of these paragraph hashes already have a vector. */
  knownHashes(hashes: Iterable<string>): Set<string> {
    const get = this.#db.prepare('SELECT 1 FROM vectors WHERE hash = ?').pluck();
    const out = new Set<string>();
    for (const h of hashes) if (get.get(h) !== undefined) out.add(h);
    return out;
  }

  /**
   * Every stored document as read, in the order they were added; with `ids`,
   * only those (read by id: a query asks for a few of a large index).
   */
  documents(ids?: readonly string[]): IngestedDoc[] {
    type Row = {
      id: string;
      path: string;
      format: IngestedDoc['format'];
      meta: string;
      text: string;
      packed: Buffer | null;
    };
    const columns = `id, path, format, meta, text, ${this.#schemaVersion() >= 5 ? 'packed' : 'NULL AS packed'}`;
    const rows = (
      ids === undefined
        ? this.#db.prepare(`SELECT ${columns} FROM documents ORDER BY seq`).all()
        : this.#db
            .prepare(
              `SELECT ${columns} FROM documents
               WHERE id IN (SELECT value FROM json_each(?)) ORDER BY seq`,
            )
            .all(JSON.stringify(ids))
    ) as Row[];
    return rows.map((r) => ({
      id: r.id,
      path: r.path,
      format: r.format,
      text:
        r.packed === null ? r.text : this.#inflate(r.packed, `document ${r.id}: its stored text`),
      meta: JSON.parse(r.meta) as DocMeta,
    }));
  }

  /**
   * A packed column's text.
   * @throws CoreError INDEX_DATABASE_DAMAGED when it does not inflate.
   */
  #inflate(packed: Buffer, what: string): string {
    try {
      return gunzipSync(packed).toString('utf8');
    } catch (error) {
      throw new CoreError(
        'INDEX_DATABASE_DAMAGED',
        this.dir,
        `${what} does not inflate (${(error as Error).message})`,
        { cause: error },
      );
    }
  }

  /** Stored paragraphs with this exact text hash. */
  paragraphsByHash(hash: string): ParagraphHit[] {
    return this.#statement(
      `SELECT d.id AS docId, p.story_id AS storyId, p.idx AS "index", p.hash AS hash
       FROM paragraphs p JOIN stories s ON s.id = p.story_id JOIN documents d ON d.seq = s.doc_seq
       WHERE p.hash = ?`,
    ).all(hash) as ParagraphHit[];
  }

  /**
   * The prepared statement of `sql`, prepared on first use and kept for the
   * store's life: for the few queries asked once per paragraph or vector
   * (preparing one each time was a tenth of finding an add's groups). Its
   * modes (`pluck`) are set here, not by callers, as the statement is shared.
   */
  #statement(sql: string, pluck = false): BetterSqlite3.Statement {
    let st = this.#statements.get(sql);
    if (st === undefined) {
      st = this.#db.prepare(sql).pluck(pluck);
      this.#statements.set(sql, st);
    }
    return st;
  }

  /** Every stored vector with its label, in label order (one per distinct paragraph text). */
  vectors(): {
    readonly labels: number[];
    readonly rows: Float32Array;
    readonly dimensions: number;
  } {
    const d = this.encoder?.dimensions ?? 0;
    const found = this.#db.prepare('SELECT label, vector FROM vectors ORDER BY label').all() as {
      label: number;
      vector: Buffer;
    }[];
    const rows = new Float32Array(found.length * d);
    found.forEach((r, i) => rows.set(fromBlob(r.vector).subarray(0, d), i * d));
    return { labels: found.map((r) => r.label), rows, dimensions: d };
  }

  /** The text hash a vector label stands for. */
  hashOfLabel(label: number): string | undefined {
    return this.#statement('SELECT hash FROM vectors WHERE label = ?', true).get(label) as
      string | undefined;
  }

  /** The label the next vector stored gets ({@link add} numbers its vectors on from it). */
  nextVectorLabel(): number {
    const seq = this.#db
      .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'vectors'")
      .pluck()
      .get() as number | undefined;
    return (seq ?? 0) + 1;
  }

  /**
   * Stores documents with their stories, and vectors for paragraph texts not
   * stored before, as the next generation.
   * @throws CoreError INDEX_VECTORS_DAMAGED when the current vector file is.
   */
  add(
    docs: readonly StoredDocInput[],
    vectors: ReadonlyMap<string, Float32Array>,
    encoder: { readonly name: string; readonly dimensions: number },
    extra: {
      /** The lineage re-drawn for these documents, committed with them. */
      readonly lineage?: LineageChange;
      /** Stored documents these are new versions of (same id): their old rows become history. */
      readonly replaces?: readonly string[];
      /**
       * A graph holding exactly `vectors`, under the labels this add gives
       * them ({@link nextVectorLabel} on, in the map's order): the join's
       * graph, which `redrawLineage` built anyway. It is kept as a segment
       * of its own instead of inserting the same points again (that was
       * most of a first add's index stage) when the index has no segment
       * yet or it holds at least a quarter of a segment's points; a smaller
       * one's points go into the last segment, so that the segments every
       * search visits stay few.
       */
      readonly graph?: VectorGraph;
    } = {},
  ): void {
    this.#assertWritable();
    this.assertEncoder(encoder);
    const stored = this.encoder;
    const next = this.generation + 1;
    let label = this.nextVectorLabel();
    const labelled: [number, string, Float32Array][] = [];
    for (const [hash, v] of vectors) labelled.push([label++, hash, v]);
    const replaces = extra.replaces ?? [];
    // Vectors only a superseded version used, and no new paragraph shares
    // (the new paragraphs are hashed only when a version is superseded).
    let orphaned: { label: number; hash: string }[] = [];
    if (replaces.length > 0) {
      const newHashes = new Set(
        docs.flatMap((d) =>
          d.stories.flatMap((s) => s.paragraphs.map((p) => paragraphHash(p.text))),
        ),
      );
      orphaned = this.#orphanedBy(replaces).filter((o) => !newHashes.has(o.hash));
    }
    if (orphaned.length > 0) {
      // Loaded whole, so the points can be marked in the segment holding them.
      const graph = this.graph();
      const owner = new Map<number, VectorGraph>();
      for (const g of graph.segments) for (const l of g.labels()) owner.set(l, g);
      for (const o of orphaned) owner.get(o.label)?.remove(o.label);
    }
    const adopt =
      extra.graph !== undefined &&
      (extra.graph.points >= this.#segmentPoints / 4 || this.#committed().segments.length === 0);
    if (!adopt) extra.graph?.discard();
    const appended =
      adopt && extra.graph !== undefined
        ? this.#adoptSegment(extra.graph, labelled, encoder.dimensions)
        : this.#appendPoints(labelled, encoder.dimensions);
    const { segments } = appended;
    const changed = new Set(appended.changed);
    if (orphaned.length > 0) {
      const gone = new Set(orphaned.map((o) => o.label));
      for (const g of segments)
        if (g instanceof VectorGraph && g.labels().some((l) => gone.has(l))) changed.add(g);
    }
    this.#commit(segments, changed, next, () => {
      if (replaces.length > 0) this.#supersede(replaces, orphaned);
      const insertDoc = this.#db.prepare(
        `INSERT INTO documents (id, path, format, hash, meta, text, packed, added_at, generation)
         VALUES (?, ?, ?, ?, ?, '', ?, ?, ?)`,
      );
      const insertStory = this.#db.prepare(
        'INSERT INTO stories (id, doc_seq, idx, title, language) VALUES (?, ?, ?, ?, ?)',
      );
      const insertParagraph = this.#db.prepare(
        'INSERT INTO paragraphs (story_id, idx, text, hash) VALUES (?, ?, ?, ?)',
      );
      const insertVector = this.#db.prepare(
        'INSERT INTO vectors (label, hash, vector) VALUES (?, ?, ?)',
      );
      const now = new Date().toISOString();
      for (const { doc, hash, stories } of docs) {
        const r = insertDoc.run(
          doc.id,
          doc.path,
          doc.format,
          hash,
          JSON.stringify(doc.meta),
          gzipSync(doc.text),
          now,
          next,
        );
        stories.forEach((s, i) => {
          insertStory.run(s.id, r.lastInsertRowid, i, s.title, s.language);
          for (const p of s.paragraphs)
            insertParagraph.run(s.id, p.index, p.text, paragraphHash(p.text));
        });
      }
      for (const [l, hash, v] of labelled) insertVector.run(l, hash, toBlob(v));
      if (stored === null) this.#setMeta('encoder', JSON.stringify(encoder));
      const version = this.#db.prepare(
        'INSERT INTO versions (doc_id, path, hash, generation, current) VALUES (?, ?, ?, ?, 1)',
      );
      for (const { doc, hash } of docs) version.run(doc.id, doc.path, hash, next);
      if (extra.lineage !== undefined) this.#writeLineage(extra.lineage, next);
    });
  }

  /** Vectors whose every paragraph belongs to one of these documents. */
  #orphanedBy(ids: readonly string[]): { label: number; hash: string }[] {
    return this.#db
      .prepare(
        `SELECT v.label AS label, v.hash AS hash FROM vectors v WHERE NOT EXISTS (
           SELECT 1 FROM paragraphs p JOIN stories s ON s.id = p.story_id JOIN documents d ON d.seq = s.doc_seq
           WHERE p.hash = v.hash AND d.id NOT IN (SELECT value FROM json_each(?)))`,
      )
      .all(JSON.stringify(ids)) as { label: number; hash: string }[];
  }

  /**
   * Keeps the current version of each document as history in `versions`
   * (its text, format and metadata) and deletes its rows, with the vectors
   * only it used; inside the caller's transaction.
   */
  #supersede(ids: readonly string[], orphaned: readonly { label: number }[]): void {
    const db = this.#db;
    const keep = db.prepare(
      `UPDATE versions SET current = 0,
         format = (SELECT format FROM documents WHERE id = @id),
         meta = (SELECT meta FROM documents WHERE id = @id),
         text = (SELECT text FROM documents WHERE id = @id),
         packed = (SELECT packed FROM documents WHERE id = @id)
       WHERE doc_id = @id AND current = 1`,
    );
    const del = db.prepare('DELETE FROM documents WHERE id = ?');
    for (const id of ids) {
      keep.run({ id });
      del.run(id);
    }
    const delVector = db.prepare('DELETE FROM vectors WHERE label = ?');
    for (const o of orphaned) delVector.run(o.label);
  }

  /**
   * Removes documents (their stories and paragraphs) and the vectors no other
   * paragraph shares, as the next generation.
   * @returns the ids removed and those not found.
   */
  remove(
    ids: readonly string[],
    lineage?: LineageChange,
  ): { removed: string[]; missing: string[] } {
    this.#assertWritable();
    const known = this.docIds();
    const removed = [...new Set(ids)].filter((id) => known.has(id));
    const missing = ids.filter((id) => !known.has(id));
    if (removed.length === 0) return { removed, missing };
    const graph = this.graph();
    const gone = new Set(removed);
    // Vectors whose every paragraph belongs to a removed document.
    const orphaned = this.#orphanedBy(removed);
    // Each orphan is marked deleted in the segment holding it; only those segments are rewritten.
    const owner = new Map<number, VectorGraph>();
    for (const g of graph.segments) for (const l of g.labels()) owner.set(l, g);
    const changed = new Set<VectorGraph>();
    for (const o of orphaned) {
      const g = owner.get(o.label);
      if (g === undefined) continue; // verify reports it; repair restores it
      g.remove(o.label);
      changed.add(g);
    }
    this.#commit(graph.segments, changed, this.generation + 1, () => {
      const del = this.#db.prepare('DELETE FROM documents WHERE id = ?');
      for (const id of gone) del.run(id);
      const delVector = this.#db.prepare('DELETE FROM vectors WHERE label = ?');
      for (const o of orphaned) delVector.run(o.label);
      this.#db
        .prepare('DELETE FROM versions WHERE doc_id IN (SELECT value FROM json_each(?))')
        .run(JSON.stringify(removed));
      if (lineage !== undefined) this.#writeLineage(lineage, this.generation + 1);
    });
    return { removed, missing };
  }

  /** Rebuilds the vector file from the `vectors` table, as the next generation. */
  repair(): { readonly vectors: number } {
    this.#assertWritable();
    const enc = this.encoder;
    const rows = this.#db.prepare('SELECT label, vector FROM vectors ORDER BY label').all() as {
      label: number;
      vector: Buffer;
    }[];
    const segments: VectorGraph[] = [];
    for (let i = 0; i < rows.length; i += this.#segmentPoints) {
      const part = rows.slice(i, i + this.#segmentPoints);
      const g = VectorGraph.create(enc?.dimensions ?? 1, Math.max(1024, part.length));
      for (const r of part) g.add(r.label, fromBlob(r.vector));
      segments.push(g);
    }
    this.#commit(segments, new Set(segments), this.generation + 1, () => undefined);
    return { vectors: rows.length };
  }

  /**
   * The segments after adding `points`: they fill the last segment up to
   * the segment size, then new ones. Only the last segment is loaded (when
   * not already), and the segments before it are not read at all.
   * @returns every segment in order (a segment not loaded stands as its
   *   committed reference) and the set that changed.
   */
  /**
   * The committed segments and `graph` after them as a new one, after
   * checking it holds exactly these points.
   * @throws Error when it does not (the caller built it for another add).
   */
  #adoptSegment(
    graph: VectorGraph,
    points: readonly (readonly [number, string, Float32Array])[],
    dimensions: number,
  ): { segments: (VectorGraph | SegmentRef)[]; changed: Set<VectorGraph> } {
    const labels = new Set(graph.labels());
    if (
      graph.dimensions !== dimensions ||
      graph.points !== points.length ||
      labels.size !== points.length ||
      points.some(([label]) => !labels.has(label))
    )
      throw new Error(
        `IndexStore.add: the graph given holds ${graph.points} points, not the ${points.length} vectors added under their labels`,
      );
    const segments: (VectorGraph | SegmentRef)[] = [
      ...(this.#graph?.segments.slice() ?? this.#committed().segments.slice()),
      graph,
    ];
    return { segments, changed: new Set([graph]) };
  }

  #appendPoints(
    points: readonly (readonly [number, string, Float32Array])[],
    dimensions: number,
  ): { segments: (VectorGraph | SegmentRef)[]; changed: Set<VectorGraph> } {
    const cap = this.#segmentPoints;
    const refs = this.#committed().segments;
    const segments: (VectorGraph | SegmentRef)[] = this.#graph?.segments.slice() ?? refs.slice();
    const changed = new Set<VectorGraph>();
    let last = segments.at(-1);
    let current: VectorGraph | undefined;
    if (last !== undefined && points.length > 0) {
      if (!(last instanceof VectorGraph)) {
        try {
          last = this.#loadSegment(last, dimensions);
        } catch (error) {
          if (error instanceof VectorFileError)
            throw new CoreError('INDEX_VECTORS_DAMAGED', this.dir, error.message, { cause: error });
          throw error;
        }
        segments[segments.length - 1] = last;
      }
      if (last.points < cap) current = last;
    }
    let left = points.length;
    for (const [label, , v] of points) {
      if (current === undefined || current.points >= cap) {
        current = VectorGraph.create(dimensions, Math.max(1024, Math.min(cap, left)));
        segments.push(current);
      } else if (!changed.has(current)) current.reserve(Math.min(cap, current.points + left));
      current.add(label, v);
      changed.add(current);
      left--;
    }
    return { segments, changed };
  }

  /**
   * Saves the `changed` segments as files of generation `next`, commits
   * `write` with the new segment list, then deletes the files it no longer lists.
   */
  #commit(
    segments: readonly (VectorGraph | SegmentRef)[],
    changed: ReadonlySet<VectorGraph>,
    next: number,
    write: () => void,
  ): void {
    const old = this.#committed().segments;
    const refs: SegmentRef[] = [];
    try {
      let k = 0;
      for (const g of segments) {
        if (!(g instanceof VectorGraph)) refs.push(g);
        else if (!changed.has(g)) {
          // Loaded and untouched: the file it was loaded from is still the one.
          const ref = old[segments.indexOf(g)];
          if (ref === undefined) throw new Error('IndexStore: an unchanged segment has no file');
          refs.push(ref);
        } else {
          const file = vectorFileName(next, k++);
          g.save(path.join(this.dir, file), next);
          refs.push({ file, generation: next });
        }
      }
      testPause('STEMMA_TEST_PAUSE_COMMIT', 'index commit: files written');
      this.#db.transaction(() => {
        write();
        this.#setMeta('generation', String(next));
        this.#setMeta('segments', JSON.stringify(refs));
      })();
    } catch (error) {
      // The graph in memory holds vectors never committed: a store kept open
      // (stemma watch) reloads the committed files rather than build on them.
      this.#graph = null;
      throw error;
    }
    // Kept only when every segment is in memory; otherwise loaded on the next need.
    const loaded = segments.filter((g): g is VectorGraph => g instanceof VectorGraph);
    const dimensions = loaded[0]?.dimensions ?? this.#graph?.dimensions ?? 1;
    this.#graph = loaded.length === segments.length ? new SegmentedGraph(dimensions, loaded) : null;
    const kept = new Set(refs.map((r) => r.file));
    testPause('STEMMA_TEST_PAUSE_COMMIT', 'index commit: committed');
    for (const r of old)
      if (!kept.has(r.file)) fs.rmSync(path.join(this.dir, r.file), { force: true });
  }

  #setMeta(key: string, value: string): void {
    this.#db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  #assertWritable(): void {
    if (!this.writable) throw new Error('IndexStore: opened read-only');
  }

  /** Counts and sizes. */
  stats(): IndexStats {
    const count = (sql: string): number => this.#db.prepare(sql).pluck().get() as number;
    const size = (f: string): number => {
      try {
        return fs.statSync(path.join(this.dir, f)).size;
      } catch {
        return 0;
      }
    };
    const paragraphs = count('SELECT count(*) FROM paragraphs');
    const distinct = count('SELECT count(*) FROM vectors');
    return {
      index: this.dir,
      schemaVersion: this.#db.pragma('user_version', { simple: true }) as number,
      generation: this.generation,
      documents: count('SELECT count(*) FROM documents'),
      stories: count('SELECT count(*) FROM stories'),
      paragraphs,
      distinctParagraphs: distinct,
      duplicateParagraphs: paragraphs - count('SELECT count(DISTINCT hash) FROM paragraphs'),
      components: this.#hasLineage() ? count('SELECT count(*) FROM components') : 0,
      relations: this.#hasLineage() ? count('SELECT count(*) FROM relations') : 0,
      oldVersions: this.#hasLineage()
        ? count('SELECT count(*) FROM versions WHERE current = 0')
        : 0,
      encoder: this.encoder,
      databaseBytes: size(DB_FILE) + size(`${DB_FILE}-wal`),
      vectorFileBytes: this.#committed().segments.reduce((n, r) => n + size(r.file), 0),
      vectorFiles: this.#committed().segments.map((r) => r.file),
    };
  }

  /**
   * Checks the database's integrity, its references, that every packed
   * component report inflates (gzip's checksum), and that the vector file
   * matches it.
   */
  verify(): VerifyResult {
    const problems: string[] = [];
    const integrity = this.#db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') problems.push(`database integrity: ${integrity}`);
    const fk = this.#db.pragma('foreign_key_check') as unknown[];
    if (fk.length > 0) problems.push(`${fk.length} rows reference missing rows`);
    if (this.#schemaVersion() >= 5) {
      for (const table of ['components', 'documents'] as const) {
        const damaged: string[] = [];
        const rows = this.#db
          .prepare(`SELECT id, packed FROM ${table} WHERE packed IS NOT NULL`)
          .iterate() as Iterable<{ id: number | string; packed: Buffer }>;
        for (const { id, packed } of rows) {
          try {
            gunzipSync(packed);
          } catch {
            damaged.push(String(id));
          }
        }
        if (damaged.length > 0)
          problems.push(
            `${damaged.length} stored ${table === 'components' ? 'component reports' : 'page texts'} do not inflate (${damaged.slice(0, 5).join(', ')})`,
          );
      }
    }
    const missing = this.#db
      .prepare(
        'SELECT count(*) FROM paragraphs p WHERE NOT EXISTS (SELECT 1 FROM vectors v WHERE v.hash = p.hash)',
      )
      .pluck()
      .get() as number;
    if (missing > 0) problems.push(`${missing} paragraphs have no vector`);
    const orphans = this.#db
      .prepare(
        'SELECT count(*) FROM vectors v WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.hash = v.hash)',
      )
      .pluck()
      .get() as number;
    if (orphans > 0) problems.push(`${orphans} vectors belong to no paragraph`);
    const labels = this.#db.prepare('SELECT label FROM vectors').pluck().all() as number[];
    let vectorFile = 'none yet';
    if (this.generation > 0 && this.encoder !== null) {
      try {
        const graph = this.graph();
        const inGraph = new Set(graph.labels());
        const absent = labels.filter((l) => !inGraph.has(l)).length;
        if (absent > 0) problems.push(`${absent} vectors are missing from the vector file`);
        if (inGraph.size !== graph.points)
          problems.push(`${graph.points - inGraph.size} points are in two vector segments`);
        if (graph.live !== labels.length)
          problems.push(
            `vector file has ${graph.live} live points, the database ${labels.length} vectors`,
          );
        vectorFile =
          this.#committed()
            .segments.map((r) => r.file)
            .join(' + ') || 'no vectors';
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause;
        const file =
          cause instanceof VectorFileError && cause.file !== undefined
            ? cause.file
            : vectorFileName(this.generation);
        const why = cause instanceof VectorFileError ? cause.message : (error as Error).message;
        problems.push(`vector file ${file}: ${why}`);
        vectorFile = 'damaged';
      }
    }
    return {
      ok: problems.length === 0,
      generation: this.generation,
      vectors: labels.length,
      vectorFile,
      problems,
    };
  }
}

/** The one vector file a schema 1 index kept, as a segment list. */
function legacySegments(generation: number): SegmentRef[] {
  return generation === 0 ? [] : [{ file: vectorFileName(generation), generation }];
}

/** The hash that finds a paragraph's exact copies: SHA-256 of its text with whitespace runs as one space. */
export function paragraphHash(text: string): string {
  return sha256(text.replace(/\s+/g, ' ').trim());
}

/** The content hash of a document as read: its format, text and metadata. */
export function documentHash(doc: IngestedDoc): string {
  return sha256(JSON.stringify([doc.format, doc.text, doc.meta]));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
