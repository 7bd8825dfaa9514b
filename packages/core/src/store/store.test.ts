import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import type { IngestedDoc, Story } from '../types.js';
import { acquireLock } from './lock.js';
import { indexRecall } from './maintenance.js';
import { DB_FILE, documentHash, IndexStore, paragraphHash, vectorFileName } from './store.js';
import { SCHEMA_VERSION } from './schema.js';
import { searchEf, SEGMENT_POINTS, VectorGraph } from './vector-file.js';

const D = 8;
const encoder = { name: 'test', dimensions: D };
let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemma-store-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function unit(seed: number): Float32Array {
  const v = Float32Array.from({ length: D }, (_, i) => Math.sin(seed * 7.3 + i * 1.9));
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

/** A page of one story with these paragraphs. */
function page(id: string, paragraphs: readonly string[]) {
  const doc: IngestedDoc = {
    id,
    path: `${id}.txt`,
    format: 'txt',
    text: paragraphs.join('\n\n'),
    meta: { title: null, publisher: null, published: null, byline: null, url: null },
  };
  const story: Story = {
    id: `${id}#1`,
    docId: id,
    title: null,
    byline: null,
    published: null,
    attribution: [],
    source: null,
    paragraphs: paragraphs.map((text, index) => ({ index, text })) as Story['paragraphs'],
    outlets: [],
    credits: [],
    names: [],
    language: 'eng',
  };
  return { doc, hash: documentHash(doc), stories: [story] };
}

function vectorsOf(texts: readonly string[], store: IndexStore): Map<string, Float32Array> {
  const known = store.knownHashes(texts.map(paragraphHash));
  return new Map(
    texts
      .map((t) => paragraphHash(t))
      .filter((h) => !known.has(h))
      .map((h) => [h, unit(Number.parseInt(h.slice(0, 6), 16))]),
  );
}

async function withStore<T>(write: boolean, work: (s: IndexStore) => T): Promise<T> {
  const store = await IndexStore.open(dir, { write, create: write });
  try {
    return work(store);
  } finally {
    store.close();
  }
}

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return CoreError.isInstance(error) ? error.code : String(error);
  }
  return undefined;
}

/** What schema 3 added: dropped, a file reads as an older one. */
/** Takes a schema 4 file back to schema 3, then to schema 2. */
const DROP_SCHEMA_5 =
  'ALTER TABLE components DROP COLUMN packed; ALTER TABLE documents DROP COLUMN packed; ALTER TABLE versions DROP COLUMN packed;';
const DROP_SCHEMA_4 =
  DROP_SCHEMA_5 +
  'DROP INDEX documents_path; ALTER TABLE relations DROP COLUMN extent; ALTER TABLE relations DROP COLUMN p_wholly;';
const DROP_SCHEMA_3 =
  DROP_SCHEMA_4 +
  'DROP TABLE relations; DROP TABLE component_docs; DROP TABLE components; DROP TABLE versions;';

describe('IndexStore', () => {
  it("refuses vectors of another encoder in one line naming the fix, the SIF encoder's other fit too", async () => {
    await withStore(true, (s) => {
      const batchFit = { name: 'sif-glove-8d', dimensions: D };
      s.add([page('a', ['Alpha one.'])], vectorsOf(['Alpha one.'], s), batchFit);
      expect(() => s.assertEncoder(batchFit)).not.toThrow();
      const message = (e: { name: string; dimensions: number }) => {
        try {
          s.assertEncoder(e);
        } catch (error) {
          return CoreError.isInstance(error) ? `${error.code}: ${error.message}` : String(error);
        }
        return 'no error';
      };
      const fixed = message({ name: 'sif-glove-8d-fixed', dimensions: D });
      expect(fixed).toMatch(
        /^INVALID_OPTION: .*sif-glove-8d vectors \(the SIF encoder's batch fit\).*unset STEMMA_SIF_FIT, or index the pages again into a new folder\)$/,
      );
      expect(fixed).not.toContain('\n');
      expect(message({ name: 'model-x', dimensions: D })).toMatch(/use the same --model\)$/);
      // Nothing of the refused encoder's is stored.
      expect(() =>
        s.add([page('b', ['Beta two.'])], vectorsOf(['Beta two.'], s), {
          name: 'sif-glove-8d-fixed',
          dimensions: D,
        }),
      ).toThrow(/batch fit/);
      expect(s.docIds()).toEqual(new Set(['a']));
    });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    await withStore(true, (s) => {
      s.add([page('a', ['Alpha one.'])], vectorsOf(['Alpha one.'], s), {
        name: 'sif-glove-8d-fixed',
        dimensions: D,
      });
      expect(() => s.assertEncoder({ name: 'sif-glove-8d', dimensions: D })).toThrow(
        /fixed fit\), this run encodes with its batch fit; run with STEMMA_SIF_FIT=fixed\)$/,
      );
    });
  });

  it('an open store whose commit failed builds on the committed graph, not on the vectors it never stored', async () => {
    await withStore(true, (s) => {
      s.add([page('a', ['Alpha one.'])], vectorsOf(['Alpha one.'], s), encoder);
      const save = VectorGraph.prototype.save;
      VectorGraph.prototype.save = () => {
        throw new Error('disk full');
      };
      const b = page('b', ['Beta two.', 'Gamma three.']);
      try {
        expect(() => s.add([b], vectorsOf(['Beta two.', 'Gamma three.'], s), encoder)).toThrow(
          'disk full',
        );
      } finally {
        VectorGraph.prototype.save = save;
      }
      expect(s.generation).toBe(1);
      // Kept open (as stemma watch keeps it), the next addition still commits a sound generation.
      s.add([page('c', ['Delta four.'])], vectorsOf(['Delta four.'], s), encoder);
      expect(s.graph().live).toBe(2);
    });
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, vectors: 2 });
  });

  it('measures recall@k of the graph against exact search over its stored vectors', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => `Paragraph number ${i}.`);
    await withStore(true, (s) => s.add([page('a', texts)], vectorsOf(texts, s), encoder));
    const r = await indexRecall(dir, { queries: 25, k: 5 });
    // 40 points: the graph's search is exhaustive, so it finds what brute force finds.
    expect(r).toMatchObject({ recall: 1, k: 5, queries: 25, vectors: 40, sweep: [] });
    // A sweep measures the same queries at each ef: at the default's own ef, the default's recall.
    const swept = await indexRecall(dir, { queries: 25, k: 5, sweep: [r.ef, 64] });
    expect(swept.sweep.map((x) => [x.ef, x.recall])).toEqual([
      [r.ef, r.recall],
      [64, 1],
    ]);
    expect(await withStore(false, (s) => s.vectors().rows.length)).toBe(40 * D);
    // Another graph, built afresh over the stored vectors, is measured in its place; nothing is written.
    const before = fs.readdirSync(dir).sort();
    const other = await indexRecall(dir, {
      queries: 25,
      k: 5,
      sweep: [64],
      rebuild: { m: 8, efConstruction: 40 },
    });
    expect(other).toMatchObject({ recall: 1, vectors: 40, rebuilt: { m: 8, efConstruction: 40 } });
    expect(other.rebuilt?.buildMs).toBeGreaterThanOrEqual(0);
    expect(other.sweep.map((x) => [x.ef, x.recall])).toEqual([[64, 1]]);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    await expect(indexRecall(dir, { rebuild: { m: 0, efConstruction: 40 } })).rejects.toThrow(/m/);
  });

  it('adds pages as generations, one vector per distinct paragraph, and verifies', async () => {
    await withStore(true, (s) => {
      const a = page('a', ['Alpha one.', 'Shared line here.']);
      s.add([a], vectorsOf(['Alpha one.', 'Shared line here.'], s), encoder);
      const b = page('b', ['Shared line here.', 'Beta two.']);
      const v = vectorsOf(['Shared line here.', 'Beta two.'], s);
      expect(v.size).toBe(1); // the shared paragraph is found by hash, not embedded again
      s.add([b], v, encoder);
      expect(s.generation).toBe(2);
      expect(fs.existsSync(path.join(dir, vectorFileName(2)))).toBe(true);
      expect(fs.existsSync(path.join(dir, vectorFileName(1)))).toBe(false);
    });
    const stats = await withStore(false, (s) => s.stats());
    expect(stats).toMatchObject({
      documents: 2,
      stories: 2,
      paragraphs: 4,
      distinctParagraphs: 3,
      duplicateParagraphs: 1,
      generation: 2,
    });
    const verify = await withStore(false, (s) => s.verify());
    expect(verify).toMatchObject({ ok: true, vectors: 3, problems: [] });
    const near = await withStore(false, (s) => {
      const h = paragraphHash('Beta two.');
      const r = s.graph().search(unit(Number.parseInt(h.slice(0, 6), 16)), 1);
      return s.hashOfLabel(r.labels[0] ?? -1);
    });
    expect(near).toBe(paragraphHash('Beta two.'));
  });

  it('removes a page and the vectors only it held (markDelete), keeping shared ones', async () => {
    await withStore(true, (s) => {
      s.add([page('a', ['One.', 'Shared.'])], vectorsOf(['One.', 'Shared.'], s), encoder);
      s.add([page('b', ['Shared.', 'Two.'])], vectorsOf(['Shared.', 'Two.'], s), encoder);
      expect(s.remove(['a', 'zz'])).toEqual({ removed: ['a'], missing: ['zz'] });
      expect(s.graph().live).toBe(2);
    });
    const v = await withStore(false, (s) => ({ verify: s.verify(), docs: s.documents() }));
    expect(v.verify).toMatchObject({ ok: true, vectors: 2 });
    expect(v.docs.map((d) => d.id)).toEqual(['b']);
  });

  it('finds a damaged or stale vector file and repair rebuilds it from SQLite', async () => {
    await withStore(true, (s) =>
      s.add([page('a', ['One.', 'Two.'])], vectorsOf(['One.', 'Two.'], s), encoder),
    );
    const file = path.join(dir, vectorFileName(1));
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 5] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const bad = await withStore(false, (s) => s.verify());
    expect(bad.ok).toBe(false);
    expect(bad.problems[0]).toMatch(/vectors-1\.hnsw: checksum mismatch/);
    expect(await codeOf(() => withStore(false, (s) => s.graph()))).toBe('INDEX_VECTORS_DAMAGED');
    // A file of another generation is not taken for this one.
    VectorGraph.create(D).save(file, 7);
    expect((await withStore(false, (s) => s.verify())).problems[0]).toMatch(/generation 7/);
    await withStore(true, (s) => s.repair());
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, generation: 2 });
  });

  it('keeps vectors in segments: an add rewrites only the last, searches span all', async () => {
    const open = (write: boolean) =>
      IndexStore.open(dir, { write, create: write, segmentPoints: 4 });
    const texts = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `Segment paragraph ${from + i}.`);
    const files = () =>
      fs
        .readdirSync(dir)
        .filter((f) => f.startsWith('vectors-'))
        .sort();
    let s = await open(true);
    try {
      s.add([page('a', texts(0, 6))], vectorsOf(texts(0, 6), s), encoder);
      expect(files()).toEqual(['vectors-1-1.hnsw', 'vectors-1.hnsw']);
      s.add([page('b', texts(6, 1))], vectorsOf(texts(6, 1), s), encoder);
      // The full first segment is kept as written; the second took the new point.
      expect(files()).toEqual(['vectors-1.hnsw', 'vectors-2.hnsw']);
      expect(s.graph().segments.map((g) => g.points)).toEqual([4, 3]);
    } finally {
      s.close();
    }
    s = await open(true); // nothing loaded: the add reads the last segment only
    try {
      s.add([page('c', texts(7, 3))], vectorsOf(texts(7, 3), s), encoder);
      expect(files()).toEqual(['vectors-1.hnsw', 'vectors-3-1.hnsw', 'vectors-3.hnsw']);
      expect(s.graph().segments.map((g) => g.live)).toEqual([4, 4, 2]);
    } finally {
      s.close();
    }
    const found = await withStore(false, (r) =>
      texts(0, 10).map((t) => {
        const h = paragraphHash(t);
        return (
          r.hashOfLabel(
            r.graph().search(unit(Number.parseInt(h.slice(0, 6), 16)), 1).labels[0] ?? -1,
          ) === h
        );
      }),
    );
    expect(found).toEqual(Array.from({ length: 10 }, () => true));
    expect(await withStore(false, (r) => r.verify())).toMatchObject({
      ok: true,
      vectors: 10,
      vectorFile: 'vectors-1.hnsw + vectors-3.hnsw + vectors-3-1.hnsw',
    });
    s = await open(true);
    try {
      // b's one paragraph sits in the second segment: only that one is rewritten.
      s.remove(['b']);
      expect(files()).toEqual(['vectors-1.hnsw', 'vectors-3-1.hnsw', 'vectors-4.hnsw']);
      expect(s.graph().live).toBe(9);
      s.repair();
      expect(files()).toEqual(['vectors-5-1.hnsw', 'vectors-5-2.hnsw', 'vectors-5.hnsw']);
    } finally {
      s.close();
    }
    expect(await withStore(false, (r) => r.verify())).toMatchObject({ ok: true, vectors: 9 });
  });

  it("grows the search's ef with the graph, more steeply past a segment's size (where it was measured)", () => {
    expect(searchEf(10, 11_933)).toBe(90);
    expect(searchEf(10, 59_628)).toBe(201);
    expect(searchEf(10, SEGMENT_POINTS + 1)).toBeGreaterThan(searchEf(10, SEGMENT_POINTS) * 1.4);
    expect(searchEf(10, 596_311)).toBe(904);
    expect(searchEf(100, 10_000_000)).toBe(2048);
  });

  it('moves a graph out of memory to a file and reads it back on first use; discard removes the file', () => {
    const g = VectorGraph.create(D);
    for (let i = 0; i < 20; i++) g.add(i, unit(i));
    const before = g.search(unit(3), 5);
    const file = path.join(dir, 'spilled.tmp');
    g.spill(file);
    expect(fs.existsSync(file)).toBe(true);
    // Counted without reading the points back (a write deciding to keep the graph or not).
    expect(g.points).toBe(20);
    expect(fs.existsSync(file)).toBe(true);
    expect(g.search(unit(3), 5)).toEqual(before);
    expect(fs.existsSync(file)).toBe(false);
    expect(g.points).toBe(20);
    g.spill(file);
    g.discard();
    expect(fs.existsSync(file)).toBe(false);
    expect(g.live).toBe(0);
  });

  it("keeps a given graph of the added vectors as a segment of its own, a small one's points inserted as usual", async () => {
    const open = () => IndexStore.open(dir, { write: true, create: true, segmentPoints: 8 });
    const texts = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => `Adopted paragraph ${from + i}.`);
    /** The added vectors in a graph of their own, under the labels the add gives them. */
    const graphOf = (vectors: Map<string, Float32Array>, first: number) => {
      const g = VectorGraph.create(D);
      [...vectors.values()].forEach((v, i) => g.add(first + i, v));
      return g;
    };
    const s = await open();
    try {
      const first = s.nextVectorLabel();
      const a = vectorsOf(texts(0, 1), s);
      s.add([page('a', texts(0, 1))], a, encoder, { graph: graphOf(a, first) });
      // A first add: the graph is the segment, however small.
      expect(s.graph().segments.map((g) => g.points)).toEqual([1]);
      const b = vectorsOf(texts(1, 1), s);
      s.add([page('b', texts(1, 1))], b, encoder, { graph: graphOf(b, s.nextVectorLabel()) });
      // One point, under the cap's quarter: inserted into the last segment.
      expect(s.graph().segments.map((g) => g.points)).toEqual([2]);
      const c = vectorsOf(texts(2, 5), s);
      const graph = graphOf(c, s.nextVectorLabel());
      s.add([page('c', texts(2, 5))], c, encoder, { graph });
      // Five, over the quarter: the graph itself is the next segment.
      expect(s.graph().segments.map((g) => g.points)).toEqual([2, 5]);
      expect(s.graph().segments[1]).toBe(graph);
      const d = vectorsOf(texts(7, 3), s);
      expect(() =>
        s.add([page('d', texts(7, 3))], d, encoder, { graph: graphOf(d, s.nextVectorLabel() + 1) }),
      ).toThrow(/not the 3 vectors added under their labels/);
      expect(s.verify()).toMatchObject({ ok: true, vectors: 7 });
    } finally {
      s.close();
    }
    const found = await withStore(false, (r) =>
      texts(0, 7).map((t) => {
        const h = paragraphHash(t);
        const v = unit(Number.parseInt(h.slice(0, 6), 16));
        return r.hashOfLabel(r.graph().search(v, 1).labels[0] ?? -1) === h;
      }),
    );
    expect(found).toEqual(Array.from({ length: 7 }, () => true));
  });

  it('reads a schema 1 index (one vector file) as it is, and migrates it to the segment list on the next write', async () => {
    await withStore(true, (s) =>
      s.add([page('a', ['One.', 'Two.'])], vectorsOf(['One.', 'Two.'], s), encoder),
    );
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, DB_FILE));
    db.prepare("DELETE FROM meta WHERE key = 'segments'").run();
    db.exec(DROP_SCHEMA_3);
    db.pragma('user_version = 1');
    db.close();
    // A reader neither refuses it nor writes to it.
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, vectors: 2 });
    expect(await withStore(false, (s) => s.stats())).toMatchObject({
      schemaVersion: 1,
      vectorFiles: [vectorFileName(1)],
    });
    expect(await withStore(false, (s) => s.graph().live)).toBe(2);
    await withStore(true, (s) => s.add([page('b', ['Three.'])], vectorsOf(['Three.'], s), encoder));
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, vectors: 3 });
    expect(await withStore(false, (s) => s.stats().schemaVersion)).toBe(SCHEMA_VERSION);
  });

  it('reads a schema 2 index (no stored lineage) as it is, and migrates it to the current schema on the next write', async () => {
    await withStore(true, (s) =>
      s.add([page('a', ['One.', 'Two.'])], vectorsOf(['One.', 'Two.'], s), encoder),
    );
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(path.join(dir, DB_FILE));
    db.exec(DROP_SCHEMA_3);
    db.pragma('user_version = 2');
    db.close();
    // A reader takes it as it is: no lineage, nothing written.
    expect(await withStore(false, (s) => s.stats())).toMatchObject({
      schemaVersion: 2,
      relations: 0,
      components: 0,
    });
    expect(await withStore(false, (s) => s.unrelatedDocs())).toEqual(['a']);
    // A writer migrates it: the pages stored before have their version, and no component yet.
    await withStore(true, (s) => s.add([page('b', ['Three.'])], vectorsOf(['Three.'], s), encoder));
    expect(await withStore(false, (s) => s.stats().schemaVersion)).toBe(SCHEMA_VERSION);
    expect(await withStore(false, (s) => s.versions('a'))).toMatchObject([
      { generation: 1, current: true },
    ]);
    expect(await withStore(false, (s) => s.unrelatedDocs())).toEqual(['a', 'b']);
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, vectors: 3 });
  });

  it('reads a schema 3 index (no index on paths) as it is, and adds the index on the next write', async () => {
    await withStore(true, (s) =>
      s.add([page('a', ['One.', 'Two.'])], vectorsOf(['One.', 'Two.'], s), encoder),
    );
    const { default: Database } = await import('better-sqlite3');
    const file = path.join(dir, DB_FILE);
    const pathIndex = (db: import('better-sqlite3').Database) =>
      db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'documents_path'")
        .all();
    let db = new Database(file);
    db.exec(DROP_SCHEMA_4);
    db.pragma('user_version = 3');
    db.close();
    expect(await withStore(false, (s) => s.stats())).toMatchObject({
      schemaVersion: 3,
      documents: 1,
    });
    await withStore(true, (s) => s.add([page('b', ['Three.'])], vectorsOf(['Three.'], s), encoder));
    expect(await withStore(false, (s) => s.stats().schemaVersion)).toBe(SCHEMA_VERSION);
    db = new Database(file, { readonly: true });
    expect(pathIndex(db)).toHaveLength(1);
    // The lookup a page read again makes uses it instead of scanning every document.
    const plan = db
      .prepare(
        'EXPLAIN QUERY PLAN SELECT id, hash FROM documents WHERE path = ? ORDER BY seq DESC LIMIT 1',
      )
      .all('x') as { detail: string }[];
    db.close();
    expect(plan.map((r) => r.detail).join(' ')).toMatch(/USING (COVERING )?INDEX documents_path/);
    expect(await withStore(false, (s) => s.verify())).toMatchObject({ ok: true, vectors: 3 });
  });

  it("stores component reports and page texts gzipped, reads a schema 4 index's plain ones, and names a damaged one", async () => {
    const lineage = (docs: string[], note: string) => ({
      drop: [],
      components: [{ docs, packed: gzipSync(JSON.stringify({ note })), relations: [] }],
    });
    await withStore(true, (s) =>
      s.add([page('a', ['One.'])], vectorsOf(['One.'], s), encoder, {
        lineage: lineage(['a'], 'packed'),
      }),
    );
    const { default: Database } = await import('better-sqlite3');
    const file = path.join(dir, DB_FILE);
    let db = new Database(file);
    const row = db.prepare('SELECT report, packed FROM components').get() as {
      report: string;
      packed: Buffer;
    };
    expect(row.report).toBe('');
    expect(gunzipSync(row.packed).toString('utf8')).toBe('{"note":"packed"}');
    const textA = (await withStore(false, (s) => s.documents()))[0]!.text;
    expect(textA).toContain('One.');
    expect(db.prepare('SELECT text FROM documents').pluck().get()).toBe('');
    // A schema 4 index: its component reports and page texts are plain.
    db.exec(
      'DELETE FROM components; INSERT INTO components (generation, report) VALUES (1, \'{"note":"plain"}\');',
    );
    db.prepare('UPDATE documents SET text = ?').run(textA);
    db.exec(DROP_SCHEMA_5);
    db.pragma('user_version = 4');
    db.close();
    expect(
      await withStore(false, (s) => s.components().map((c) => JSON.parse(c.report) as unknown)),
    ).toEqual([{ note: 'plain' }]);
    // The next write migrates: the old row stays readable, the new one is packed.
    await withStore(true, (s) =>
      s.add([page('b', ['Two.'])], vectorsOf(['Two.'], s), encoder, {
        lineage: lineage(['b'], 'new'),
      }),
    );
    expect(
      await withStore(false, (s) => s.components().map((c) => JSON.parse(c.report) as unknown)),
    ).toEqual(expect.arrayContaining([{ note: 'plain' }, { note: 'new' }]));
    const texts = (await withStore(false, (s) => s.documents())).map((d) => d.text);
    expect(texts[0]).toBe(textA);
    expect(texts[1]).toContain('Two.');
    db = new Database(file);
    db.prepare('UPDATE components SET packed = ? WHERE packed IS NOT NULL').run(
      Buffer.from('not gzip'),
    );
    db.prepare("UPDATE documents SET packed = ? WHERE id = 'b'").run(Buffer.from('not gzip'));
    db.close();
    expect((await withStore(false, (s) => s.verify())).problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^1 stored component reports do not inflate \(\d+\)$/),
        '1 stored page texts do not inflate (b)',
      ]),
    );
    const damaged = await withStore(false, (s) => s.documents()).catch((e: unknown) => e);
    expect((damaged as Error).message).toMatch(/document b: its stored text does not inflate/);
    const error = await withStore(false, (s) => s.components()).catch((e: unknown) => e);
    expect((error as CoreError).code).toBe('INDEX_DATABASE_DAMAGED');
    expect((error as Error).message).toMatch(/component \d+: its stored report does not inflate/);
  });

  it('sweeps the files of a generation that was never committed', async () => {
    await withStore(true, (s) => s.add([page('a', ['One.'])], vectorsOf(['One.'], s), encoder));
    fs.writeFileSync(path.join(dir, vectorFileName(2)), 'half');
    fs.writeFileSync(path.join(dir, `${vectorFileName(2)}.123.tmp`), 'half');
    await withStore(true, () => undefined);
    expect(fs.readdirSync(dir).filter((f) => f.includes('vectors'))).toEqual([vectorFileName(1)]);
  });

  it('refuses a missing folder, a foreign one, a truncated database and a second writer', async () => {
    expect(await codeOf(() => IndexStore.open(path.join(dir, 'none'), { write: false }))).toBe(
      'INDEX_MISSING',
    );
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    expect(await codeOf(() => IndexStore.open(dir, { write: true, create: true }))).toBe(
      'INDEX_FOREIGN',
    );
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    fs.rmSync(path.join(dir, 'notes.txt'));

    await withStore(true, (s) => {
      s.add(
        [page('a', ['One.', 'Two.', 'Three.'])],
        vectorsOf(['One.', 'Two.', 'Three.'], s),
        encoder,
      );
      expect(() => acquireLock(dir)).not.toThrow(); // the same process: its own lock
    });
    const db = path.join(dir, DB_FILE);
    const size = fs.statSync(db).size;
    fs.truncateSync(db, Math.floor(size / 2));
    expect(await codeOf(() => withStore(false, (s) => s.stats()))).toBe('INDEX_DATABASE_DAMAGED');
    expect(fs.statSync(db).size).toBe(Math.floor(size / 2));
  });

  it('reports a live lock holder by pid and takes over a dead one', async () => {
    fs.writeFileSync(path.join(dir, 'lock'), `${process.ppid}\n`);
    const error = await IndexStore.open(dir, { write: true, create: true }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      `index ${dir} is locked by pid ${process.ppid}; wait for that stemma to finish (remove ${dir}/lock only if no such process runs)`,
    );
    fs.writeFileSync(path.join(dir, 'lock'), '999999999\n');
    await withStore(true, (s) => expect(s.generation).toBe(0));
    expect(fs.existsSync(path.join(dir, 'lock'))).toBe(false);
  });
});
