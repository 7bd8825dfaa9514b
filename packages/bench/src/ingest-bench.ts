/**
 * `npm run bench -- ingest`: writes a mixed corpus of at least --pages pages
 * (plain text, HTML and Markdown files, JSONL corpora, gzipped WARC crawls)
 * into a temp folder and times ingest alone over it: MB/s, documents/s and
 * peak memory.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { ingest } from '@stemma/core';
import { syntheticCorpus } from './synthetic-corpus.js';

const JSONL_PER_FILE = 500;
const WARC_PER_FILE = 250;

interface Written {
  readonly pages: number;
  readonly files: number;
  /** Bytes on disk (WARC.gz compressed). */
  readonly stored: number;
  /** Bytes of the pages themselves, uncompressed. */
  readonly content: number;
  readonly byKind: Record<string, number>;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

function toHtml(text: string): string {
  const [title = '', ...rest] = text.split('\n\n');
  const body = rest
    .map((p) => `<p>${p.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`)
    .join('\n');
  return `<!doctype html><html><head><title>${title}</title></head><body><nav><a href="/">Home</a></nav><article><h1>${title}</h1>\n${body}</article><footer>Copyright 2024</footer></body></html>`;
}

/** Writes the mixed corpus: pages go round-robin to txt, html, md, jsonl and warc.gz. */
export async function writeMixedCorpus(dir: string, pages: number, seed: number): Promise<Written> {
  mkdirSync(dir, { recursive: true });
  let files = 0;
  let stored = 0;
  let content = 0;
  const byKind: Record<string, number> = { txt: 0, html: 0, md: 0, jsonl: 0, 'warc.gz': 0 };
  let jsonl: string[] = [];
  let warc: Buffer[] = [];
  const flushJsonl = () => {
    if (jsonl.length === 0) return;
    const text = `${jsonl.join('\n')}\n`;
    writeFileSync(join(dir, `corpus-${files}.jsonl`), text);
    stored += Buffer.byteLength(text);
    files++;
    jsonl = [];
  };
  const flushWarc = () => {
    if (warc.length === 0) return;
    const bytes = Buffer.concat(warc);
    writeFileSync(join(dir, `crawl-${files}.warc.gz`), bytes);
    stored += bytes.length;
    files++;
    warc = [];
  };
  let n = 0;
  for (const a of syntheticCorpus(pages, seed)) {
    if (n >= pages) break;
    const kind = (['txt', 'html', 'md', 'jsonl', 'warc.gz'] as const)[n % 5]!;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    const text = a.content;
    if (kind === 'txt' || kind === 'html' || kind === 'md') {
      const body =
        kind === 'html' && a.format === 'txt' ? toHtml(text) : kind === 'md' ? `# ${text}` : text;
      writeFileSync(
        join(dir, `${a.name}.${kind === 'html' && a.format === 'html' ? 'html' : kind}`),
        body,
      );
      stored += Buffer.byteLength(body);
      content += Buffer.byteLength(body);
      files++;
    } else if (kind === 'jsonl') {
      const line =
        a.format === 'html'
          ? JSON.stringify({ id: a.name, html: a.content })
          : JSON.stringify({ id: a.name, text: a.content, published: '2024-03-01' });
      jsonl.push(line);
      content += Buffer.byteLength(a.content);
      if (jsonl.length === JSONL_PER_FILE) flushJsonl();
    } else {
      const html = a.format === 'html' ? a.content : toHtml(a.content);
      const record = await WARCRecord.create(
        {
          url: `https://news.example/${a.name}.html`,
          type: 'response',
          warcVersion: 'WARC/1.1',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
          statusline: 'HTTP/1.1 200 OK',
        },
        once(new TextEncoder().encode(html)),
      );
      warc.push(Buffer.from(await WARCSerializer.serialize(record, { gzip: true })));
      content += Buffer.byteLength(html);
      if (warc.length === WARC_PER_FILE) flushWarc();
    }
    n++;
  }
  flushJsonl();
  flushWarc();
  return { pages: n, files, stored, content, byKind };
}

/** Runs the ingest benchmark and hands its figures to `print`, one line at a time. */
export async function runIngestBench(
  dir: string,
  opts: { pages: number; seed: number; print: (line: string) => void },
): Promise<void> {
  const t0 = performance.now();
  const written = await writeMixedCorpus(dir, opts.pages, opts.seed);
  const genMs = performance.now() - t0;

  let peakRss = process.memoryUsage().rss;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  const timer = setInterval(sample, 20);
  let warnings = 0;
  const t1 = performance.now();
  const result = await ingest([dir], { onWarning: () => warnings++ });
  const ms = performance.now() - t1;
  clearInterval(timer);
  sample();

  const line = (k: string, v: string) => opts.print(`${k.padEnd(28)} ${v}`);
  const s = ms / 1000;
  opts.print('stemma bench ingest');
  line(
    'corpus',
    `${written.pages} pages in ${written.files} files, generated in ${(genMs / 1000).toFixed(1)} s`,
  );
  line(
    '  by kind',
    Object.entries(written.byKind)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  );
  line(
    '  bytes',
    `${(written.stored / 1e6).toFixed(1)} MB stored, ${(written.content / 1e6).toFixed(1)} MB of pages uncompressed`,
  );
  line('documents read', `${result.docs.length} (${warnings} warnings)`);
  line('ingest time', `${s.toFixed(2)} s`);
  line(
    'throughput',
    `${(written.stored / 1e6 / s).toFixed(1)} MB/s stored, ${(written.content / 1e6 / s).toFixed(1)} MB/s of pages, ${Math.round(result.docs.length / s).toLocaleString('en')} documents/s`,
  );
  line('peak RSS during ingest', `${(peakRss / 2 ** 20).toFixed(0)} MiB`);
}
