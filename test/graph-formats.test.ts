/**
 * The graph formats open in the tools they are for: `dot -Tsvg` (Graphviz,
 * Debian's `graphviz`) renders the DOT output of examples/. Skips when `dot`
 * is not installed. (GraphML is parsed as strict XML in Chromium by
 * html-report.test.ts, and by linkedom in core's formats.test.ts.)
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '@stemma/core';
import { ensureBuilt, stemma } from './helpers.js';

const hasDot = spawnSync('dot', ['-V'], { stdio: 'ignore' }).status === 0;
if (!hasDot)
  console.warn('test/graph-formats.test.ts: skipped, no Graphviz dot (apt-get install graphviz)');

/** An id as Graphviz writes it in an SVG title: its hyphens as `&#45;`. */
const graphvizTitle = (id: string): string => id.replaceAll('-', '&#45;');

describe.skipIf(!hasDot)('dot -Tsvg on stemma analyze examples --format dot', () => {
  let report: Report;
  let dot: string;

  beforeAll(() => {
    ensureBuilt();
    const json = stemma(['analyze', 'examples', '--format', 'json', '--quiet']);
    expect(json.code, json.stderr).toBe(0);
    report = JSON.parse(json.stdout) as Report;
    const r = stemma(['analyze', 'examples', '--format', 'dot', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    dot = r.stdout;
  }, 120_000);

  it('renders to SVG with an edge per relation', () => {
    const r = spawnSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('<svg');
    // Graphviz titles each edge "tail->head", escaped.
    for (const rel of report.relations)
      expect(r.stdout).toContain(
        `<title>${graphvizTitle(rel.parent)}&#45;&gt;${graphvizTitle(rel.child)}</title>`,
      );
  });
});
