/**
 * `npm run bench -- tui`: the TUI over a large invented result (10,000
 * stories by default, `--stories N`): the first full render (renderToString),
 * then an interactive App (ink-testing-library) and the time from each key
 * press to the frame it changes. Printed, not asserted: a key should feel
 * instant (well under 100 ms) however long the list is.
 */
import { loadavg } from 'node:os';
import { createElement } from 'react';
import { renderToString } from 'ink';
import { render } from 'ink-testing-library';
import { App } from '@stemma/tui';
import { syntheticResult } from '@stemma/tui/testing';

export interface TuiBenchOptions {
  readonly stories: number;
  readonly print: (line: string) => void;
}

const keys: readonly (readonly [string, string])[] = [
  ['↓ (next row)', '\u001B[B'],
  ['↓ (next row)', '\u001B[B'],
  ['End (last row)', '\u001B[F'],
  ['Home (first row)', '\u001B[H'],
  ['f (kind filter)', 'f'],
  ['+ (conf ≥ 0.1)', '+'],
  ['F (filter back)', 'F'],
  ['- (conf ≥ 0.0)', '-'],
  ['/ (start search)', '/'],
  ['7 (search "7")', '7'],
  ['enter (keep search)', '\r'],
  ['n (next match)', 'n'],
  ['Home (first row)', '\u001B[H'],
  ['c (first child)', 'c'],
  ['p (parent)', 'p'],
  ['? (help)', '?'],
  ['? (close help)', '?'],
];

/** Waits until the frame differs from `before`, polling each turn of the event loop. */
async function nextFrame(
  lastFrame: () => string | undefined,
  before: string | undefined,
  limitMs = 10_000,
): Promise<void> {
  const start = performance.now();
  while (lastFrame() === before) {
    if (performance.now() - start > limitMs) throw new Error('no new frame after a key press');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function runTuiBench(options: TuiBenchOptions): Promise<void> {
  const { print } = options;
  const line = (k: string, v: string) => print(`${k.padEnd(28)} ${v}`);
  // Key press times are mostly Ink and React at work, and follow the machine's load.
  line('load average (1 min)', loadavg()[0]?.toFixed(1) ?? '?');
  const t0 = performance.now();
  const result = syntheticResult({ stories: options.stories });
  line(
    'stories / relations',
    `${result.stories.size} / ${result.report.relations.length} (generated in ${(performance.now() - t0).toFixed(0)} ms)`,
  );

  const size = { columns: 120, rows: 40 };
  const t1 = performance.now();
  const out = renderToString(createElement(App, { result, size }), { columns: size.columns });
  line(
    'first render (renderToString)',
    `${(performance.now() - t1).toFixed(1)} ms, ${out.split('\n').length} lines`,
  );

  const t2 = performance.now();
  const app = render(createElement(App, { result, size }));
  await nextFrame(app.lastFrame, undefined);
  line('first render (interactive)', `${(performance.now() - t2).toFixed(1)} ms`);
  // Ink starts reading keys after the first frame.
  await new Promise((resolve) => setTimeout(resolve, 100));

  const times: number[] = [];
  for (const [name, key] of keys) {
    const before = app.lastFrame();
    const t = performance.now();
    app.stdin.write(key);
    await nextFrame(app.lastFrame, before);
    const ms = performance.now() - t;
    times.push(ms);
    line(`  key ${name}`, `${ms.toFixed(1)} ms`);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  line(
    'per key press',
    `median ${median.toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms over ${times.length} keys`,
  );
  app.unmount();
  app.cleanup();
}
