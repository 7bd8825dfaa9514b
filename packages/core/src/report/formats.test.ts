import { DOMParser } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { fixtureReport, hostileTitle } from '../../test/helpers/report.js';
import type { Report } from '../types.js';
import { csvColumns, renderCsv } from './csv.js';
import { renderGraphml } from './graphml.js';
import { renderNewick } from './newick.js';
import { graphNodes } from './tabular.js';

/** RFC 4180 fields of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) field += c;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

const withTitle = (title: string): Report => ({
  ...fixtureReport,
  documents: fixtureReport.documents.map((d) => ({
    ...d,
    stories: d.stories.map((s) => ({ ...s, title })),
  })),
});

describe('renderCsv', () => {
  it('has a header and one row per relation, in the report order, with its scores', () => {
    const rows = parseCsv(renderCsv(fixtureReport));
    expect(rows[0]).toEqual([...csvColumns]);
    expect(rows).toHaveLength(fixtureReport.relations.length + 1);
    fixtureReport.relations.forEach((r, i) => {
      const row = Object.fromEntries(csvColumns.map((c, k) => [c, rows[i + 1]?.[k]]));
      expect(row).toMatchObject({
        parent: r.parent,
        child: r.child,
        kind: r.kind,
        confidence: String(r.confidence),
        paraphrase: String(r.scores.paraphrase),
        aligned_paragraphs: String(r.alignment.length),
        evidence: r.evidence.join(' | '),
        // The fixture has no extent: empty cells, not "undefined".
        extent: '',
        p_wholly: '',
      });
    });
    const withExtent = {
      ...fixtureReport,
      relations: [{ ...fixtureReport.relations[0]!, extent: 'partially' as const, pWholly: 0.12 }],
    };
    const row = parseCsv(renderCsv(withExtent))[1]!;
    expect(row[csvColumns.indexOf('extent')]).toBe('partially');
    expect(row[csvColumns.indexOf('p_wholly')]).toBe('0.12');
  });

  it('keeps hostile titles in one field, on one line, and never as a formula', () => {
    for (const title of [
      hostileTitle,
      '=HYPERLINK("http://x","y")',
      '+1, "two"\nthree',
      '@SUM(A1)',
    ]) {
      const rows = parseCsv(renderCsv(withTitle(title)));
      for (const row of rows.slice(1)) {
        expect(row).toHaveLength(csvColumns.length);
        const cell = row[csvColumns.indexOf('child_title')] ?? '';
        expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        expect(cell).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B\u202A-\u202E\u2066-\u2069]/);
      }
    }
  });
});

describe('renderNewick', () => {
  const newick = renderNewick(fixtureReport);
  const lines = newick.trimEnd().split('\n');

  it('writes one tree per lineage tree, each a balanced Newick string ending in ";"', () => {
    expect(lines).toHaveLength(fixtureReport.lineage.length);
    for (const line of lines) {
      const bare = line.replace(/'(?:[^']|'')*'/g, "''");
      expect(bare.endsWith(';')).toBe(true);
      expect(bare.split('(').length).toBe(bare.split(')').length);
    }
  });

  it('names every story of a tree once by its label, root last, with 1 − lexical as branch length', () => {
    const names = new Map(graphNodes(fixtureReport).map((n) => [n.id, n.label]));
    const name = (id: string) => (names.get(id) ?? id).replace(/'/g, "''");
    fixtureReport.lineage.forEach((tree, i) => {
      const line = lines[i] ?? '';
      expect(line.endsWith(`'${name(tree.root)}';`)).toBe(true);
      for (const m of tree.members) expect(line.split(`'${name(m)}'`)).toHaveLength(2);
    });
    expect(
      lines[0]!.endsWith("'Harbour Wire — Ferry strike halts crossings to Vell Island';"),
    ).toBe(true);
    const r = fixtureReport.relations[0]!;
    expect(newick).toContain(`'${name(r.child)}':${Number((1 - r.scores.lexical).toFixed(3))}`);
  });

  it('quotes labels: quotes doubled, controls gone', () => {
    const report: Report = {
      ...fixtureReport,
      lineage: [{ root: "it's\u001B[31m(x);", members: [] }],
      relations: [],
      independent: [],
      hidden: [],
    };
    expect(renderNewick(report)).toBe("'it''s(x);';\n");
  });
});

describe('renderGraphml', () => {
  const parse = (xml: string) => new DOMParser().parseFromString(xml, 'text/xml');

  it('is GraphML with a node per story and hidden source and an edge per relation', () => {
    const doc = parse(renderGraphml(fixtureReport));
    const stories = fixtureReport.documents.flatMap((d) => d.stories).length;
    expect(doc.querySelectorAll('node')).toHaveLength(stories + fixtureReport.hidden.length);
    const edges = [...doc.querySelectorAll('edge')];
    expect(edges).toHaveLength(fixtureReport.relations.length);
    expect(edges.map((e) => [e.getAttribute('source'), e.getAttribute('target')])).toEqual(
      fixtureReport.relations.map((r) => [r.parent, r.child]),
    );
    const all = parse(renderGraphml(fixtureReport, { independent: true }));
    expect(all.querySelectorAll('edge')).toHaveLength(
      fixtureReport.relations.length + fixtureReport.independent.length,
    );
  });

  it('escapes markup in titles and drops characters XML cannot hold', () => {
    const xml = renderGraphml(withTitle(hostileTitle));
    expect(xml).not.toContain('<script>');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    const titles = [...parse(xml).querySelectorAll('data[key="d2"]')].map((d) => d.textContent);
    expect(titles).toContain(
      'Breaking | <script>alert(1)</script> "><img src=x onerror=alert(2)> `rm -rf` [click](javascript:alert(3)) red',
    );
  });
});
