import { renderToString } from 'ink';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './components/App.js';
import { DetailPanel } from './components/DetailPanel.js';
import { ProgressView } from './components/ProgressView.js';
import { noColorRequested } from './color.js';
import { detailLines } from './detail-lines.js';
import { buildForest, visibleRows } from './forest.js';
import { fixtureEvents, fixtureResult } from '../test/fixtures.js';
import { initialProgress, reduceProgress } from './progress.js';

// Chalk (inside Ink) decides its colour level when it is first imported and
// sees no TTY under vitest; force colour so that NO_COLOR alone decides.
const forceColor = vi.hoisted(() => {
  const before = process.env['FORCE_COLOR'];
  process.env['FORCE_COLOR'] = '1';
  return before;
});
afterAll(() => {
  if (forceColor === undefined) delete process.env['FORCE_COLOR'];
  else process.env['FORCE_COLOR'] = forceColor;
});

/** SGR parameters that set a foreground or background colour (30–49, 90–107). */
function colourCodes(out: string): string[] {
  const codes: string[] = [];
  for (const m of out.matchAll(/\u001B\[([0-9;]*)m/g)) {
    for (const p of (m[1] ?? '').split(';')) {
      const n = Number(p);
      if (p !== '' && ((n >= 30 && n <= 49) || (n >= 90 && n <= 107))) codes.push(p);
    }
  }
  return codes;
}

const progress = fixtureEvents.reduce(reduceProgress, initialProgress);
const browser = () =>
  renderToString(<App result={fixtureResult()} size={{ columns: 100, rows: 30 }} />, {
    columns: 100,
  });
const analysing = () =>
  renderToString(
    <ProgressView progress={progress} width={100} height={20} elapsed={3} error="boom" />,
    { columns: 100 },
  );

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('NO_COLOR', () => {
  it('colours relation kinds and progress when it is unset (the test can see colour)', () => {
    vi.stubEnv('NO_COLOR', undefined);
    expect(colourCodes(browser())).not.toEqual([]);
    expect(colourCodes(analysing())).not.toEqual([]);
  });

  it.each(['1', 'true', '0'])('draws no colour at all when set to %j', (value) => {
    vi.stubEnv('NO_COLOR', value);
    expect(colourCodes(browser())).toEqual([]);
    expect(colourCodes(analysing())).toEqual([]);
  });

  it('ignores an empty NO_COLOR', () => {
    vi.stubEnv('NO_COLOR', '');
    expect(colourCodes(browser())).not.toEqual([]);
  });
});

/** The side by side of herald#1 → digest#1 (edited), drawn as the App draws it. */
function comparison(): string {
  const result = fixtureResult();
  const forest = buildForest(result.report);
  const row = visibleRows(forest, new Set()).find((r) => r.key === 'wire#1/herald#1/digest#1');
  const lines = detailLines('node', row, result, 100, { markers: noColorRequested() });
  return renderToString(<DetailPanel lines={lines} width={100} />, { columns: 100 });
}

/** SGR parameter lists (e.g. "31", "9") of the escape codes in `out`. */
const sgr = (out: string): string[] =>
  [...out.matchAll(/\u001B\[([0-9;]*)m/g)].map((m) => m[1] ?? '');

describe('changed words in the side by side', () => {
  it('are red and struck through (removed), green and underlined (added) in colour', () => {
    vi.stubEnv('NO_COLOR', undefined);
    const out = comparison();
    const codes = sgr(out);
    for (const code of ['31', '9', '32', '4']) expect(codes).toContain(code);
    // "more than" was removed: it is drawn between the strikethrough codes.
    const styled = (code: string, word: string): RegExp =>
      new RegExp(`\u001B\\[${code}m(?:\u001B\\[[0-9;]*m)*${word}`, 'u');
    expect(out).toMatch(styled('9', 'more'));
    expect(out).toMatch(styled('31', 'more'));
    expect(out).toMatch(styled('4', 'over'));
    expect(out).toMatch(styled('32', 'over'));
    expect(out).not.toContain('[-');
    expect(out).not.toContain('{+');
  });

  it('are marked [-removed-] and {+added+} under NO_COLOR, with no colour', () => {
    vi.stubEnv('NO_COLOR', '1');
    const out = comparison();
    expect(colourCodes(out)).toEqual([]);
    expect(out).toContain('[-on-]');
    expect(out).toContain('{+over+}');
    expect(out).toContain('{+people+}');
  });
});
