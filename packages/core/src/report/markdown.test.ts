import { describe, expect, it } from 'vitest';
import { fixtureReport, hostileTitle } from '../../test/helpers/report.js';
import { escapeMarkdown, renderMarkdown } from './markdown.js';

const md = renderMarkdown(fixtureReport);

describe('renderMarkdown', () => {
  it('summarises documents, stories and the encoder', () => {
    expect(md).toMatch(/^# Stemma report\n/);
    expect(md).toContain(
      '7 documents, 10 stories, 8 relations, 2 independent pairs, 1 inferred source',
    );
    expect(md).toContain('glove-sif-100d (100 dimensions, backend cpu)');
  });

  it('draws the lineage forest as an indented tree, stories named "Outlet — Title"', () => {
    const tree = md.slice(md.indexOf('## Lineage'), md.indexOf('## Relations'));
    expect(tree).toContain('\n- Harbour Wire — Ferry strike halts crossings to Vell Island\n');
    expect(tree).toContain(
      '\n  - Harbour Wire via The Daily Herald — Ferry strike halts Vell crossings ← edited, paraphrase 0.18, confidence 0.93\n',
    );
    expect(tree).toContain('red ← spun, paraphrase 0.62, confidence 0.81\n');
    // A story without an outlet goes by its title.
    expect(tree).toContain(
      '\n  - Grève des ferries vers l’île de Vell ← translated, paraphrase 0.84, confidence 0.77',
    );
    // gazette#1 has two parents: drawn in full once, referenced the second time.
    expect(tree).toContain(
      '\n    - Islanders stranded as ferry crews stop work ← paraphrase, paraphrase 0.50, confidence 0.66\n',
    );
    expect(tree).toContain(
      '\n  - Islanders stranded as ferry crews stop work ← paraphrase, paraphrase 0.52, confidence 0.41 (also listed above)\n',
    );
    expect(tree).toContain(
      '\n- hidden:1 (inferred source, not in the corpus)\n  - Museum reopens after renovation ← edited',
    );
    expect(tree).toContain(
      'Stories with no relation: Council approves new library; Library plans move ahead.',
    );
    // No story id where a person reads.
    expect(tree).not.toMatch(/\w#\d/);
  });

  it('has a table row per relation with all scores', () => {
    expect(md).toContain(
      '| Parent | Child | Kind | Confidence | Semantic | Lexical | Coverage | Paraphrase | Extent |',
    );
    // A unique outlet is name enough; other stories go by their label.
    expect(md).toContain(
      '| Harbour Wire | Harbour Wire via The Daily Herald | edited | 0.93 | 0.97 | 0.81 | 1.00 | 0.18 | – |',
    );
    expect(md).toContain(
      '| hidden:1 | City museum to reopen Saturday | paraphrase | 0.64 | 0.84 | 0.33 | 0.75 | 0.56 | – |',
    );
    const rows = md.split('\n').filter((l) => /^\| (?!Parent|---)/.test(l));
    for (const score of ['Confidence', 'Semantic', 'Lexical', 'Coverage', 'Paraphrase'])
      expect(md).toMatch(new RegExp(`\\n- \\*\\*${score}\\*\\* \\(0–1\\): \\S`));
    expect(rows).toHaveLength(fixtureReport.relations.length);
    // Every row has exactly the 10 unescaped pipes of 9 columns.
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(10);
  });

  it('lists independent pairs with reasons, inferred sources and warnings', () => {
    expect(md).toContain(
      '- Council approves new library ↔ Library plans move ahead: same event, no shared wording beyond the &lt;vote count&gt; & names',
    );
    expect(md).toContain(
      '- Harbour Wire ↔ Museum reopens after renovation: different topics \\| ignore',
    );
    // Ids in reasons are named too.
    expect(md).toContain(
      '- hidden:1 → Museum reopens after renovation, City museum to reopen Saturday: Museum reopens after renovation and City museum to reopen Saturday share wording',
    );
    expect(md).toContain('## Warnings\n\n- corpus/empty.txt: is empty');
  });

  it('escapes hostile text and strips control sequences', () => {
    expect(md).not.toMatch(/<script|<img|<b>/i);
    expect(md).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(md).not.toContain('pwned');
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(md).toContain('\\[click\\](javascript:alert(3))');
    expect(md).toContain('\\`rm -rf\\`');
    expect(md).toContain('bell and clear in a warning');
    expect(hostileTitle).toContain('\u001B');
  });

  it('is stable for the same input', () => {
    expect(renderMarkdown(fixtureReport)).toBe(md);
  });

  it('says so when nothing is related', () => {
    const empty = { ...fixtureReport, relations: [], lineage: [], hidden: [], independent: [] };
    expect(renderMarkdown(empty)).toContain('No story was found to derive from another.');
  });
});

describe('escapeMarkdown', () => {
  it.each([
    ['a | b', 'a \\| b'],
    ['`code`', '\\`code\\`'],
    ['[x](http://e.test)', '\\[x\\](http://e.test)'],
    ['*bold* _it_ ~s~', '\\*bold\\* \\_it\\_ \\~s\\~'],
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['&lt; stays text', '&amp;lt; stays text'],
    ['AT&T', 'AT&T'],
    ['# heading', '\\# heading'],
    ['> quote', '&gt; quote'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. item', '1\\. item'],
    ['0.1.0', '0.1.0'],
    ['C:\\path', 'C:\\\\path'],
    ['two\nlines', 'two lines'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});
