import type { Report } from '@stemma/core';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './components/App.js';
import { resultFromReport } from './report-file.js';
import { syntheticResult } from './testing.js';
import { fixtureReport, fixtureResult } from '../test/fixtures.js';
import { frame, key, press, type Rendered } from '../test/keys.js';

/*
 * Issue 11's browsing keys, through the rendered App: search, filters,
 * parent/child jumps, the help, gaps in the side by side, reports without
 * text, and a 10,000-story forest.
 */

const lines = (app: Rendered): string[] => frame(app).split('\n');
/** The selected tree row (marked "›"). */
const selected = (app: Rendered): string => lines(app).find((l) => l.startsWith('›')) ?? '';
/** The last line: the status line. */
const status = (app: Rendered): string => lines(app).at(-1) ?? '';

afterEach(() => {
  cleanup();
});

describe('search (/, n, N, esc)', () => {
  it('finds stories by title as the query is typed, steps with n/N and clears with esc', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, '/', 'f', 'l', 'o', 'o', 'd');
    // "flood": wire#1 and herald#1 (titles "Storm floods…"), portal#1 ("…floodwaters…"),
    // reuters#1 ("Coastal flooding…"); the first at or after the selection is wire#1 itself.
    expect(status(app)).toContain('/flood▏  4 matches');
    expect(selected(app)).toContain('wire#1');
    await press(app, key.enter);
    expect(status(app)).toContain('/flood: 1/4 (n/N)');
    await press(app, 'n');
    expect(selected(app)).toContain('herald#1');
    await press(app, 'n', 'n');
    expect(selected(app)).toContain('reuters#1');
    expect(status(app)).toContain('/flood: 4/4');
    // Wraps around, both ways.
    await press(app, 'n');
    expect(selected(app)).toContain('wire#1');
    await press(app, 'N');
    expect(selected(app)).toContain('reuters#1');
    await press(app, key.esc);
    // A lone ESC waits a moment for the rest of a sequence: give it time on a busy machine.
    await vi.waitFor(() => expect(status(app)).not.toContain('/flood'));
    // n without a query goes nowhere.
    await press(app, 'n');
    expect(selected(app)).toContain('reuters#1');
  });

  it('opens a collapsed group to show a match, and finds outlets and publishers', async () => {
    const base = fixtureReport();
    // A publisher on one page, and the `outlet` field newer reports carry on one story.
    const documents = base.documents.map((d) =>
      d.id === 'sports'
        ? { ...d, publisher: 'Harbour Gazette' }
        : d.id === 'recipes'
          ? { ...d, stories: d.stories.map((s) => ({ ...s, outlet: 'Kitchen Wire Service' })) }
          : d,
    );
    const result = { ...fixtureResult(), report: { ...base, documents } as Report };
    const app = render(<App result={result} />);
    await press(app, '/', ...'gazette', key.enter);
    expect(selected(app)).toContain('sports#1');
    expect(frame(app)).toContain('▾ Singletons (2)');
    await press(app, '/', ...'kitchen', key.enter);
    expect(selected(app)).toContain('recipes#1');
    await press(app, '/', ...'no such thing');
    expect(status(app)).toContain('0 matches');
    await press(app, key.enter);
    expect(status(app)).toContain('/no such thing: no match');
    // Backspace edits the query.
    await press(app, '/', ...'blogx', key.backspace, key.enter);
    expect(status(app)).toContain('/blog: 1/1');
  });

  it('types "q", "n" and the other keys into the query instead of acting on them', async () => {
    const onExit = vi.fn();
    const app = render(<App result={fixtureResult()} onExit={onExit} />);
    await press(app, '/', 'q', 'f', '?');
    expect(status(app)).toContain('/qf?▏');
    expect(onExit).not.toHaveBeenCalled();
    expect(frame(app)).not.toContain('Scores on each edge');
  });
});

describe('filters (f, F, +, -)', () => {
  it('f cycles the kind; only matching edges show, with their ancestors as context', async () => {
    const app = render(<App result={fixtureResult()} />);
    expect(status(app)).toContain('filter all kinds · conf ≥ 0.0');
    await press(app, 'f');
    expect(status(app)).toContain('filter verbatim · conf ≥ 0.0 (1 of 6 edges)');
    expect(frame(app)).toContain('herald#1');
    expect(frame(app)).not.toContain('blog#1');
    expect(frame(app)).not.toContain('Singletons');
    await press(app, 'f', 'f');
    expect(status(app)).toContain('filter paraphrase');
    // portal#1 (wire#1's) and siteB#1 (the hidden source's).
    expect(frame(app)).toContain('portal#1');
    expect(frame(app)).toContain('siteB#1');
    expect(frame(app)).not.toContain('herald#1');
    await press(app, 'F', 'F', 'F');
    expect(status(app)).toContain('filter all kinds');
    expect(frame(app)).toContain('blog#1');
  });

  it('+ and - step the lowest confidence by 0.1, between 0 and 1', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, ...'+++++++++');
    // 0.9: herald#1 (0.97) only.
    expect(status(app)).toContain('conf ≥ 0.9 (1 of 6 edges)');
    expect(frame(app)).toContain('herald#1');
    expect(frame(app)).not.toContain('digest#1');
    await press(app, '-');
    // 0.8: digest#1 0.88 and blog#1 0.81 too.
    expect(status(app)).toContain('conf ≥ 0.8 (3 of 6 edges)');
    expect(frame(app)).toContain('blog#1');
    await press(app, '+', '+', '+');
    expect(status(app)).toContain('conf ≥ 1.0 (0 of 6 edges)');
    expect(frame(app)).toContain('No edge passes the filter');
    await press(app, ...'-----------');
    expect(status(app)).toContain('filter all kinds · conf ≥ 0.0');
    expect(status(app)).not.toContain('edges)');
  });
});

describe('jumps (p, c)', () => {
  it('c goes to the first child, p back to the parent', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, 'c');
    expect(selected(app)).toContain('herald#1');
    await press(app, 'c');
    expect(selected(app)).toContain('digest#1');
    await press(app, 'c');
    expect(selected(app)).toContain('digest#1');
    await press(app, 'p', 'p');
    expect(selected(app)).toContain('wire#1');
    await press(app, 'p');
    expect(selected(app)).toContain('wire#1');
  });
});

describe('help (?)', () => {
  it('lists the keys and explains every score, with its range', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, '?');
    const out = frame(app);
    expect(out).toContain('── help');
    expect(out).toContain('Keys');
    for (const k of ['/ ', 'n / N', 'f / F', '+ / -', 'p / c', '?']) expect(out).toContain(k);
    // The help is longer than the screen: scroll to its scores.
    await press(app, ' ', ' ');
    const all = app.frames.join('\n');
    expect(all).toContain('Scores on each edge');
    expect(all).toMatch(/conf\s+confidence, 0\.\.1 = P\(derived\) × P\(direction\)/);
    expect(all).toMatch(/sem\s+semantic, 0\.\.1: mean cosine similarity/);
    expect(all).toMatch(/lex\s+lexical, 0\.\.1: mean word overlap/);
    expect(all).toMatch(/cov\s+coverage, 0\.\.1/);
    expect(all).toMatch(/para\s+paraphrase, 0\.\.1 = P\(same meaning\)/);
    await press(app, '?');
    expect(frame(app)).toContain('Root of a lineage tree');
  });
});

describe('side by side: gaps and word differences', () => {
  it('shows a parent paragraph the copy cut as a gap, in order (¶2 ⇄ ¶2, ¶3 cut, ¶4 ⇄ ¶3)', async () => {
    const app = render(<App result={fixtureResult()} />);
    // wire#1 → herald#1, then a page down the panel.
    await press(app, key.down, ' ');
    const heads = lines(app).filter((l) => l.startsWith('── ¶'));
    expect(heads.map((l) => l.replace(/ ·.*/, ''))).toEqual([
      '── ¶2 ⇄ ¶2',
      '── ¶3 — cut in the copy',
      '── ¶4 ⇄ ¶3',
    ]);
    // The cut paragraph's text stands on the parent's side only.
    expect(frame(app)).toMatch(/^The regional weather service said the storm +│\s*$/m);
  });

  it('marks the changed words of an aligned pair (NO_COLOR: [-removed-] and {+added+})', async () => {
    vi.stubEnv('NO_COLOR', '1');
    try {
      const app = render(<App result={fixtureResult()} />);
      // herald#1 → digest#1 (edited): "on Thursday" → "Thursday", "more than" → "over".
      await press(app, key.down, key.down);
      const out = frame(app);
      expect(out).toMatch(
        /coastal towns \[-on-\] Thursday, forcing \[-more +│ coastal towns Thursday, forcing \{\+over\+\} 4,000/,
      );
      expect(out).toMatch(
        /^than-\] 4,000 \[-residents-\] from their homes\. +│ \{\+people\+\} from their homes\./m,
      );
      // Unchanged words are not marked.
      expect(out).not.toContain('[-Heavy');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});

describe('a saved report without its text', () => {
  it('says the text is missing and how to get it, and still lists paragraphs and gaps', async () => {
    const app = render(<App result={resultFromReport(fixtureReport())} />);
    await press(app, key.down);
    const out = frame(app);
    expect(out).toContain('wire#1 → herald#1');
    expect(out).toContain('Paragraph text is not in this report');
    expect(out).toContain('--include-text');
    expect(out).toContain('── ¶3 — cut in the copy');
  });

  it('shows the text when the report carries it (--include-text)', async () => {
    const base = fixtureReport();
    const stories = fixtureResult().stories;
    const documents = base.documents.map((d) => ({
      ...d,
      stories: d.stories.map((s) => ({
        ...s,
        paragraphs: stories.get(s.id)?.paragraphs.map((p) => p.text) ?? [],
      })),
    }));
    const app = render(<App result={resultFromReport({ ...base, documents })} />);
    await press(app, key.down);
    expect(frame(app)).not.toContain('Paragraph text is not in this report');
    expect(frame(app)).toContain('Heavy rain and a tidal surge');
  });
});

describe('hostile text in a saved report', () => {
  it('strips control sequences from titles and compared paragraphs read from the file', async () => {
    const payload = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u001bc';
    const base = fixtureReport();
    const documents = base.documents.map((d) => ({
      ...d,
      stories: d.stories.map((s) => ({
        ...s,
        title: s.id === 'herald#1' ? `Evil${payload} title` : s.title,
        paragraphs:
          s.id === 'wire#1' || s.id === 'herald#1'
            ? ['First', 'Second', 'Third', 'Fourth'].map((w) => `${w}${payload} paragraph.`)
            : [],
      })),
    }));
    const app = render(<App result={resultFromReport({ ...base, documents })} />);
    await press(app, key.down, '/', ...'evil', key.enter);
    expect(frame(app)).toContain('Evil title');
    expect(frame(app)).toContain('First paragraph.');
    const everything = app.frames.join('');
    expect(everything).not.toContain('pwned');
    expect(everything.replace(/\u001B\[[\d;]*m/g, '')).not.toMatch(
      /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/,
    );
  });
});

describe('10,000 stories', () => {
  it('draws only the rows on screen and moves through them', async () => {
    const result = syntheticResult({ stories: 10_000 });
    const app = render(<App result={result} />);
    await press(app);
    expect(frame(app)).toContain('stemma · 10000 stories · 8000 relations · 2000 trees');
    // 24 rows: only the window of the tree is drawn.
    expect(lines(app).length).toBeLessThan(24);
    expect(frame(app)).toContain('── tree 1/10000');
    await press(app, '\u001B[F');
    expect(frame(app)).toContain('── tree 10000/10000');
    // The last tree: page-9995#1 and its four copies (ordered by confidence).
    expect(selected(app)).toMatch(/^›└─ • page-999[6-9]#1/);
    await press(app, '/', ...'story 5000:', key.enter);
    expect(selected(app)).toContain('page-5000#1');
  });
});
