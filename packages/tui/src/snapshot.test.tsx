import { renderToString } from 'ink';
import { describe, expect, it } from 'vitest';
import { App } from './components/App.js';
import { fixtureResult } from '../test/fixtures.js';

describe('App snapshots (renderToString)', () => {
  it.each([
    [100, 24],
    [60, 20],
  ])('draws the fixture forest in %i×%i', (columns, rows) => {
    const out = renderToString(<App result={fixtureResult()} size={{ columns, rows }} />, {
      columns,
    });
    const lines = out.split('\n');
    expect(lines.length).toBeLessThan(rows);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
    expect(out).toMatchSnapshot();
  });
});
