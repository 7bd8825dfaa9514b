import { renderToString } from 'ink';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './components/App.js';
import { ProgressView } from './components/ProgressView.js';
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
