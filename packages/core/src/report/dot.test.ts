import { describe, expect, it } from 'vitest';
import { dotString, renderDot } from './dot.js';
import { fixtureReport } from '../../test/helpers/report.js';

const dot = renderDot(fixtureReport);

/** Drops quoted strings so structure can be checked without their contents. */
function structure(source: string): string {
  return source.replace(/"(?:[^"\\]|\\.)*"/g, '""');
}

describe('renderDot', () => {
  it('is one digraph with balanced braces and brackets outside strings', () => {
    const bare = structure(dot);
    expect(dot).toMatch(/^digraph "stemma" \{\n/);
    expect(bare.split('{').length).toBe(bare.split('}').length);
    expect(bare.split('[').length).toBe(bare.split(']').length);
    expect(bare.trimEnd().endsWith('}')).toBe(true);
    // Every statement line ends with ";" or opens/closes a block.
    for (const line of bare.split('\n').slice(1, -2)) expect(line).toMatch(/[;{}]$/);
  });

  it('has a node for every story and hidden source', () => {
    for (const doc of fixtureReport.documents) {
      for (const s of doc.stories) expect(dot).toContain(`  ${dotString(s.id)} [label=`);
    }
    expect(dot).toContain(
      '"hidden:1" [shape=ellipse, style=dashed, label="hidden:1\\ninferred source"',
    );
  });

  it('has an edge per relation labelled with kind and paraphrase score', () => {
    for (const r of fixtureReport.relations) {
      expect(dot).toContain(
        `${dotString(r.parent)} -> ${dotString(r.child)} [label="${r.kind} ${r.scores.paraphrase.toFixed(2)}"`,
      );
    }
  });

  it('draws independent pairs as dashed undirected edges only when asked', () => {
    const all = renderDot(fixtureReport, { independent: true });
    expect(fixtureReport.independent.length).toBeGreaterThan(0);
    for (const p of fixtureReport.independent) {
      const edge = `${dotString(p.a)} -> ${dotString(p.b)} [dir=none, style=dashed`;
      expect(all).toContain(edge);
      expect(dot).not.toContain(edge);
    }
    expect(all).toContain('"legend:independent"');
  });

  it('has a legend of the kinds drawn and of inferred sources, unless told not to', () => {
    for (const r of fixtureReport.relations) expect(dot).toContain(`"legend:${r.kind}"`);
    expect(dot).toContain('"legend:hidden"');
    expect(renderDot(fixtureReport, { legend: false })).not.toContain('legend');
  });

  it('escapes quotes and backslashes, and strips controls, in strings', () => {
    expect(dotString('say "hi" \\N')).toBe('"say \\"hi\\" \\\\N"');
    expect(dotString('ends with \\')).toBe('"ends with \\\\"');
    expect(dotString('a\nb\u001B[31mc')).toBe('"a bc"');
    expect(dot).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(dot).toContain('\\"&gt;'.replace('&gt;', '>'));
  });

  it('names a story by outlet and its title wrapped, the id as tooltip; maxTitle cuts', () => {
    expect(dot).toContain(
      '"wire#1" [label="Harbour Wire\\nFerry strike halts crossings to\\nVell Island", tooltip="wire#1"];',
    );
    const out = renderDot(fixtureReport, { maxTitle: 10 });
    expect(out).toContain('"wire#1" [label="Harbour Wire\\nFerry str…"');
  });

  it('declares ids a relation names but no document has', () => {
    const r = {
      ...fixtureReport,
      relations: [...fixtureReport.relations, { ...fixtureReport.relations[0]!, child: 'ghost#1' }],
    };
    expect(renderDot(r)).toContain('"ghost#1" [style=dotted, label="ghost#1\\nnot in report"];');
  });
});
