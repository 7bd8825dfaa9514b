/**
 * The HTML report as a reader sees it: `stemma analyze examples --format html`
 * opened in headless Chromium (Debian's `chromium`, driven by playwright-core)
 * at a 1280 px viewport. Checks that it loads without console errors, draws
 * the lineage graph, marks the spun copy's word changes, overflows nothing,
 * and that a page with hostile markup in its title and paragraphs injects no
 * element or script. Writes a screenshot to test/artifacts/report.png.
 * Skips when no Chromium executable is found.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@stemma/core';
import { ensureBuilt, root, stemma } from './helpers.js';

/** Chromium to drive: $CHROMIUM_PATH, else where Debian and others install it. */
const executable = [
  process.env['CHROMIUM_PATH'],
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].find((p): p is string => p !== undefined && p !== '' && existsSync(p));

const VIEWPORT = { width: 1280, height: 900 };
const artifacts = join(root, 'test/artifacts');

/** Markup a scraped page could carry; each would set window.__pwned if it ran. */
const PAYLOAD =
  '<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> "><svg onload="window.__pwned = 3">';

interface Loaded {
  readonly page: Page;
  readonly errors: string[];
}

if (executable === undefined)
  console.warn(
    'test/html-report.test.ts: skipped, no Chromium executable (apt-get install chromium, or set CHROMIUM_PATH)',
  );

describe.skipIf(executable === undefined)('the HTML report in headless Chromium', () => {
  let browser: Browser;
  let scratch: string;

  beforeAll(async () => {
    ensureBuilt();
    scratch = mkdtempSync(join(tmpdir(), 'stemma-html-'));
    mkdirSync(artifacts, { recursive: true });
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    browser = await chromium.launch({ executablePath: executable, args: ['--no-sandbox'] });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  });

  /** Writes the HTML report of `input` and opens it, collecting console errors and page errors. */
  async function open(input: string, name: string): Promise<Loaded> {
    const out = join(scratch, `${name}.html`);
    const r = stemma(['analyze', input, '--format', 'html', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const page = await browser.newPage({ viewport: VIEWPORT });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(out).href);
    return { page, errors };
  }

  describe('examples/', () => {
    let loaded: Loaded;
    let report: Report;

    beforeAll(async () => {
      const json = stemma(['analyze', 'examples', '--format', 'json', '--quiet']);
      expect(json.code, json.stderr).toBe(0);
      report = JSON.parse(json.stdout) as Report;
      loaded = await open(join(root, 'examples'), 'examples');
    }, 120_000);

    afterAll(async () => {
      await loaded?.page.close();
    });

    it('loads without console errors', () => {
      expect(loaded.errors).toEqual([]);
    });

    it('draws the lineage graph: a linked box per story in a relation, an arrow per relation', async () => {
      const { page } = loaded;
      const ends = new Set(report.relations.flatMap((r) => [r.parent, r.child]));
      expect(ends.size).toBeGreaterThan(1);
      expect(await page.locator('svg.lineage .node rect').count()).toBe(ends.size);
      expect(await page.locator('svg.lineage .edge path').count()).toBe(report.relations.length);
      // Laid out: boxes have a size and do not all sit in one place.
      const boxes = await page.locator('svg.lineage .node rect').evaluateAll((rects) =>
        rects.map((r) => {
          const b = (r as SVGGraphicsElement).getBBox();
          return { x: b.x, y: b.y, width: b.width, height: b.height };
        }),
      );
      expect(boxes.every((b) => b.width > 0 && b.height > 0)).toBe(true);
      expect(new Set(boxes.map((b) => `${b.x},${b.y}`)).size).toBe(boxes.length);
      // A box links to its story's entry in the page.
      const href = await page.locator('svg.lineage a.node').first().getAttribute('href');
      expect(href).toMatch(/^#story-\d+$/);
      expect(await page.locator(href!).count()).toBe(1);
    });

    it('marks the spun copy’s word changes side by side', async () => {
      const { page } = loaded;
      const spun = report.relations.find((r) => r.kind === 'spun');
      expect(spun, 'examples/ has a spun copy').toBeDefined();
      const section = page.locator('section.relation[data-kind="spun"]');
      expect(await section.count()).toBe(1);
      const table = section.locator('table.compare');
      expect(await table.locator('del').count()).toBeGreaterThan(0);
      expect(await table.locator('ins').count()).toBeGreaterThan(0);
      expect(await table.locator('del.swap').count()).toBeGreaterThan(0);
      expect(await section.locator('.pair').count()).toBeGreaterThan(0);
      // One aligned row per group of aligned paragraphs: at most one per pair.
      const rows = await table.locator('tr.aligned').count();
      expect(rows).toBeGreaterThan(0);
      expect(rows).toBeLessThanOrEqual(spun!.alignment.length);
    });

    it('fits a 1280 px viewport: no page, relation or table is wider than it', async () => {
      const { page } = loaded;
      const widths = await page.evaluate(() => {
        const els = [
          document.documentElement,
          document.body,
          ...document.querySelectorAll('section.relation, table, svg.lineage'),
        ];
        return els.map((el) => ({
          what: `${el.tagName.toLowerCase()}.${el.className instanceof SVGAnimatedString ? el.className.baseVal : el.className}`,
          scroll: el.scrollWidth,
          right: Math.ceil(el.getBoundingClientRect().right),
        }));
      });
      expect(widths.length).toBeGreaterThan(4);
      const over = widths.filter((w) => w.scroll > VIEWPORT.width || w.right > VIEWPORT.width);
      expect(over).toEqual([]);
      await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
      expect(existsSync(join(artifacts, 'report.png'))).toBe(true);
    });
    it('parses the GraphML of examples/ as strict XML, with a node per story and an edge per relation', async () => {
      const r = stemma(['analyze', 'examples', '--format', 'graphml', '--quiet']);
      expect(r.code, r.stderr).toBe(0);
      const counts = await loaded.page.evaluate((xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        const ns = 'http://graphml.graphdrawing.org/xmlns';
        return {
          errors: doc.getElementsByTagName('parsererror').length,
          nodes: doc.getElementsByTagNameNS(ns, 'node').length,
          edges: doc.getElementsByTagNameNS(ns, 'edge').length,
        };
      }, r.stdout);
      const stories = report.documents.flatMap((d) => d.stories).length;
      expect(counts).toEqual({
        errors: 0,
        nodes: stories + report.hidden.length,
        edges: report.relations.length,
      });
    }, 60_000);
  });

  describe('a page with hostile markup in its title and paragraphs', () => {
    let loaded: Loaded;

    beforeAll(async () => {
      // Two copies of the example original (first line: title), each with the
      // payload in its title and in a paragraph; the second with words changed,
      // so the pair is related and its paragraphs are shown side by side.
      const [, ...body] = readFileSync(join(root, 'examples/original.txt'), 'utf8').split('\n');
      const text = body.join('\n').replace('\n\n', `\n\nCrews said ${PAYLOAD} was posted.\n\n`);
      const dir = join(scratch, 'hostile');
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.txt'), `${PAYLOAD} Flood gate\n${text}`);
      writeFileSync(
        join(dir, 'b.txt'),
        `${PAYLOAD} Flood gate copy\n${text.replaceAll('flood', 'deluge').replaceAll('gate', 'barrier')}`,
      );
      loaded = await open(dir, 'hostile');
    }, 120_000);

    afterAll(async () => {
      await loaded?.page.close();
    });

    it('shows the payload as text and injects no element, handler or script', async () => {
      const { page, errors } = loaded;
      const found = await page.evaluate(() => ({
        scripts: document.querySelectorAll('script').length,
        imgs: document.querySelectorAll('img').length,
        // Only the renderer's own SVGs: the graph and the legend's samples.
        strangeSvgs: [...document.querySelectorAll('svg')].filter(
          (s) => !s.classList.contains('lineage') && s.closest('.legend') === null,
        ).length,
        handlers: [...document.querySelectorAll('*')].flatMap((el) =>
          el.getAttributeNames().filter((n) => n.toLowerCase().startsWith('on')),
        ),
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
        text: document.body.innerText,
        compared: document.querySelectorAll('section.relation table.compare').length,
      }));
      expect(found.compared).toBeGreaterThan(0);
      expect(found).toMatchObject({
        scripts: 0,
        imgs: 0,
        strangeSvgs: 0,
        handlers: [],
        pwned: null,
      });
      expect(found.text).toContain('<script>window.__pwned = 1</script>');
      expect(found.text).toContain('"><svg onload="window.__pwned = 3">');
      expect(errors).toEqual([]);
    });
  });
});
