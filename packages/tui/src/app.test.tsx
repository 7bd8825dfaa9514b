import type { AnalysisResult, PipelineEvent, Story } from '@stemma/core';
import { render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup } from 'ink-testing-library';
import { App } from './components/App.js';
import { fixtureEvents, fixtureResult } from '../test/fixtures.js';
import { frame, key, press, type Rendered } from '../test/keys.js';

/** The tree line of the given story id. */
function treeLine(app: Rendered, id: string): string {
  return (
    frame(app)
      .split('\n')
      .find((l) => l.includes(` ${id} `) || l.endsWith(` ${id}`)) ?? ''
  );
}

/** True when some frame line holds `left` before the column rule and `right` after it. */
function sideBySide(app: Rendered, left: string, right: string): boolean {
  return frame(app)
    .split('\n')
    .some((line) => {
      const bar = line.indexOf(' │ ');
      return bar > 0 && line.slice(0, bar).includes(left) && line.slice(bar + 3).includes(right);
    });
}

afterEach(() => {
  cleanup();
});

describe('App with a finished result', () => {
  it('draws the lineage forest with edge labels, hidden sources and the key help', () => {
    const app = render(<App result={fixtureResult()} />);
    const out = frame(app);
    expect(out).toContain('stemma · 10 stories · 6 relations · 2 trees · 1 hidden · 2 singletons');
    expect(treeLine(app, 'wire#1')).toMatch(/^›▾ wire#1 {2}Storm floods coastal towns/);
    expect(treeLine(app, 'herald#1')).toMatch(
      /├─ ▾ herald#1 .* verbatim · para 0\.98 · conf 0\.97$/,
    );
    // digest#1 hangs under herald#1, not under the root.
    expect(treeLine(app, 'digest#1')).toMatch(
      /│ {2}└─ • digest#1 .* edited · para 0\.91 · conf 0\.88$/,
    );
    expect(treeLine(app, 'blog#1')).toContain('spun · para 0.74 · conf 0.81');
    expect(treeLine(app, 'portal#1')).toMatch(/└─ • portal#1 .* paraphrase/);
    expect(treeLine(app, 'hidden:1')).toContain('hidden:1  (hidden source)');
    expect(treeLine(app, 'siteA#1')).toMatch(/├─ • siteA#1/);
    expect(out).toContain('q quit');
    // The root's panel: the story itself.
    expect(out).toContain('Root of a lineage tree: 4 descendants.');
  });

  it('moves the selection with arrows; enter collapses and expands; the panel follows', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.down);
    expect(treeLine(app, 'herald#1')).toMatch(/^›/);
    expect(frame(app)).toContain('wire#1 → herald#1');

    await press(app, key.enter);
    expect(treeLine(app, 'herald#1')).toContain('▸ herald#1');
    expect(frame(app)).not.toContain('digest#1');
    await press(app, key.enter);
    expect(treeLine(app, 'herald#1')).toContain('▾ herald#1');

    // Right on an expanded node steps into its first child.
    await press(app, key.right);
    expect(treeLine(app, 'digest#1')).toMatch(/^›/);
    expect(frame(app)).toContain('herald#1 → digest#1');
    expect(frame(app)).toContain('edited · conf 0.88 · sem 0.95 · lex 0.71');
    expect(sideBySide(app, 'Heavy rain and a tidal surge', 'Heavy rain and a tidal surge')).toBe(
      true,
    );
    expect(sideBySide(app, 'Emergency crews used boats', 'Crews used boats to reach')).toBe(true);
    expect(frame(app)).not.toContain('no counterpart');

    // Left on a leaf goes back to the parent; left again collapses it.
    await press(app, key.left);
    expect(treeLine(app, 'herald#1')).toMatch(/^›/);
    await press(app, key.left);
    expect(treeLine(app, 'herald#1')).toContain('▸ herald#1');
  });

  it("shows the selected edge's aligned paragraphs side by side with their scores", async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.down, key.down, key.down);
    const out = frame(app);
    expect(treeLine(app, 'blog#1')).toMatch(/^›/);
    expect(out).toContain('wire#1 → blog#1');
    expect(out).toContain('spun · conf 0.81 · sem 0.84 · lex 0.50 · cov 1.00 · para 0.74');
    expect(sideBySide(app, 'PARENT wire#1', 'CHILD blog#1')).toBe(true);
    expect(out).toContain('── ¶1 ⇄ ¶1 · sem 0.79 · lex 0.31');
    expect(sideBySide(app, 'Heavy rain and a tidal surge', 'Picture this: your whole street')).toBe(
      true,
    );
    // Every panel line fits the 100-column test terminal.
    for (const line of out.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });

  it("shows the edge's extent and the probability of that verdict beside its scores", async () => {
    const result = fixtureResult();
    const report = {
      ...result.report,
      relations: result.report.relations.map((r) =>
        r.child === 'blog#1' ? { ...r, extent: 'partially' as const, pWholly: 0.3 } : r,
      ),
    };
    const app = render(<App result={{ ...result, report }} />);
    await press(app, key.down, key.down, key.down);
    expect(frame(app)).toContain('cov 1.00 · para 0.74 · partially 0.70');
  });

  it('shows "(source not in corpus)" for a hidden parent', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.down, key.down, key.down, key.down, key.down, key.down);
    expect(treeLine(app, 'siteA#1')).toMatch(/^›/);
    expect(frame(app)).toContain('hidden:1 (hidden source) → siteA#1');
    expect(sideBySide(app, '(source not in corpus)', 'Commuter trains across the northern')).toBe(
      true,
    );
  });

  it("shows a hidden parent's edge against the sibling its scores were measured against", async () => {
    const base = fixtureResult();
    const report = {
      ...base.report,
      relations: base.report.relations.map((r) =>
        r.parent === 'hidden:1' && r.child === 'siteA#1' ? { ...r, measuredAgainst: 'siteB#1' } : r,
      ),
    };
    const app = render(<App result={{ ...base, report }} />);
    await press(app, key.down, key.down, key.down, key.down, key.down, key.down);
    expect(treeLine(app, 'siteA#1')).toMatch(/^›/);
    expect(frame(app)).toContain('its scores were measured against siteB#1');
    // The sibling's text stands on the parent's side, compared word by word with the copy's.
    expect(
      sideBySide(app, 'Train drivers on the northern', 'Commuter trains across the northern'),
    ).toBe(true);
    expect(frame(app)).not.toContain('(source not in corpus)');
  });

  it('scrolls a long panel with j/k and PgUp/PgDn', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.down, key.down, key.down);
    // wire#1 → blog#1: three aligned pairs, then wire's ¶4, cut in the copy.
    expect(frame(app)).toMatch(/lines 1–12 of 21/);
    await press(app, 'j');
    expect(frame(app)).toMatch(/lines 2–13 of 21/);
    await press(app, key.pageDown);
    expect(frame(app)).toMatch(/lines 10–21 of 21/);
    expect(frame(app)).toContain('Forecasters reckon');
    expect(frame(app)).toContain('── ¶4 — cut in the copy');
    await press(app, 'k');
    expect(frame(app)).toMatch(/lines 9–20 of 21/);
    await press(app, key.pageUp);
    expect(frame(app)).toMatch(/lines 1–12 of 21/);
  });

  it('groups singletons at the end, collapsed until expanded', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.end);
    expect(frame(app)).toContain('›▸ Singletons (2)');
    expect(frame(app)).not.toContain('recipes#1');
    await press(app, key.right, key.down);
    expect(treeLine(app, 'recipes#1')).toMatch(/^›/);
    expect(frame(app)).toContain('No relation found: this story stands alone.');
    // The tree pane scrolls to keep the selection in view.
    await press(app, key.down);
    expect(treeLine(app, 'sports#1')).toMatch(/^›└─ • sports#1/);
    expect(treeLine(app, 'recipes#1')).toMatch(/├─ • recipes#1/);
    expect(frame(app)).not.toContain(' wire#1 ');
  });

  it('lists a story with independent coverage only in its own group, with its pairs and reasons', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, key.end, key.up);
    expect(frame(app)).toContain('▾ Independent coverage (1)');
    expect(treeLine(app, 'reuters#1')).toMatch(/^›└─ • reuters#1/);
    expect(frame(app)).not.toContain('No relation found');
    expect(frame(app)).toContain('No derivation found: independent coverage of the same event.');
    expect(frame(app)).toContain('Independent of wire#1: same event, different facts and quotes');
    await press(app, key.up);
    expect(frame(app)).toContain('Stories that report an event another story also reports');
  });

  it('says a tree member no relation reaches belongs to the tree, not that it stands alone', async () => {
    const base = fixtureResult();
    const report = {
      ...base.report,
      lineage: [{ root: 'wire#1', members: ['wire#1', 'blog#1', 'recipes#1'] }],
    };
    const app = render(<App result={{ ...base, report }} />);
    await press(app, key.down, key.down);
    expect(treeLine(app, 'recipes#1')).toMatch(/^›└─ • recipes#1/);
    expect(frame(app)).toContain(
      'Member of this lineage tree; no direct relation to another member found.',
    );
    expect(frame(app)).not.toContain('No relation found');
  });

  it('toggles the independent pairs and the warnings with i and w', async () => {
    const app = render(<App result={fixtureResult()} />);
    await press(app, 'i');
    expect(frame(app)).toContain('Independent pairs (1)');
    expect(sideBySide(app, 'wire#1 Storm floods', 'reuters#1 Coastal flooding')).toBe(true);
    expect(frame(app)).toContain('same event, different facts and quotes');
    await press(app, 'w');
    expect(frame(app)).toContain('Warnings (1)');
    expect(frame(app)).toContain('! /corpus/broken.html: is empty');
    await press(app, 'w');
    expect(frame(app)).toContain('Root of a lineage tree');
  });

  it.each([
    ['q', 'q'],
    ['ctrl-c', key.ctrlC],
  ])('quits with exit code 0 on %s', async (_name, k) => {
    const onExit = vi.fn();
    const app = render(<App result={fixtureResult()} onExit={onExit} />);
    await press(app, k);
    await vi.waitFor(() => expect(onExit).toHaveBeenCalledExactlyOnceWith(0));
  });

  it('never lets a control-sequence payload in a title or paragraph reach the output', async () => {
    const payload = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\u001bc\r';
    const base = fixtureResult({ retitle: { 'blog#1': `Evil${payload} title` } });
    const blog = base.stories.get('blog#1') as Story;
    const stories = new Map(base.stories);
    stories.set('blog#1', {
      ...blog,
      paragraphs: blog.paragraphs.map((p, i) =>
        i === 0 ? { ...p, text: `Picture${payload} this` } : p,
      ),
    });
    const result: AnalysisResult = {
      report: { ...base.report, warnings: [`bad${payload}warning`] },
      stories,
    };
    const app = render(<App result={result} />);
    await press(app, key.down, key.down, key.down, 'w', 'w');
    expect(frame(app)).toContain('Evil title');
    // The CR became a line break, not a carriage return.
    expect(sideBySide(app, 'Heavy rain', 'Picture')).toBe(true);

    const everything = app.frames.join('');
    expect(everything).not.toContain('pwned');
    expect(everything).not.toContain('[2J');
    // No control character at all, colour codes aside (the test stream has none, but do not depend on it).
    expect(everything.replace(/\u001B\[[\d;]*m/g, '')).not.toMatch(
      /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/,
    );
  });
});

describe('App while analysing', () => {
  function deferred() {
    let resolve!: (r: AnalysisResult) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<AnalysisResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  }

  it('shows stage progress and warnings from pipeline events, then the result', async () => {
    const run = deferred();
    const app = render(
      <App
        load={(emit: (e: PipelineEvent) => void) => {
          for (const e of fixtureEvents) emit(e);
          return run.promise;
        }}
      />,
    );
    await press(app);
    const out = frame(app);
    expect(out).toContain('stemma · analysing');
    expect(out).toMatch(/✓ ingest +10 items · 42 ms/);
    expect(out).toMatch(/✓ segment +10 items · 17 ms/);
    expect(out).toMatch(/▶ embed +45\/120 .*37%/);
    expect(out).toMatch(/· lineage/);
    expect(out).toContain('Warnings (1)');
    expect(out).toContain('! /corpus/broken.html');

    run.resolve(fixtureResult());
    await press(app);
    expect(treeLine(app, 'wire#1')).toMatch(/^›▾ wire#1/);
  });

  it('quits with 130 when the user leaves before the run ends', async () => {
    const onExit = vi.fn();
    const app = render(<App load={() => new Promise<AnalysisResult>(() => {})} onExit={onExit} />);
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledExactlyOnceWith(130);
  });

  it('shows a failed run (sanitized) and quits with 1', async () => {
    const onExit = vi.fn();
    const app = render(
      <App
        load={() => Promise.reject(new Error('corpus: no readable documents\u001b[2J'))}
        onExit={onExit}
      />,
    );
    await press(app);
    expect(frame(app)).toContain('analysis failed');
    expect(frame(app)).toContain('corpus: no readable documents');
    expect(frame(app)).not.toContain('[2J');
    await press(app, 'q');
    expect(onExit).toHaveBeenCalledExactlyOnceWith(1);
  });
});

describe('App with child paragraphs the parent lacks', () => {
  it('lists them in order as added in the copy, right column only', async () => {
    const base = fixtureResult();
    const portal = base.stories.get('portal#1') as Story;
    const stories = new Map(base.stories);
    stories.set('portal#1', {
      ...portal,
      paragraphs: [
        ...portal.paragraphs,
        { index: 2, text: 'Insurers expect claims to top 40 million.', start: 0, end: 0 },
      ],
    });
    const app = render(<App result={{ report: base.report, stories }} />);
    await press(app, key.down, key.down, key.down, key.down, key.pageDown, key.pageDown);
    // wire#1 → portal#1: ¶1 ⇄ ¶1, ¶2 ⇄ ¶2, then wire's ¶3 and ¶4 cut, then portal's ¶3 added.
    const heads = frame(app)
      .split('\n')
      .filter((l) => l.startsWith('── ¶'));
    expect(heads.slice(-3)).toEqual([
      '── ¶3 — cut in the copy',
      '── ¶4 — cut in the copy',
      '── ¶3 — added in the copy',
    ]);
    expect(frame(app)).toMatch(/^ {40,}│ Insurers expect claims/m);
  });
});
