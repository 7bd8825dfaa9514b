/** Driving the rendered App in tests: key sequences, key presses, the last frame. */
import type { render } from 'ink-testing-library';
import { expect, vi } from 'vitest';

/** The escape sequences a terminal sends for the keys the App reads. */
export const key = {
  up: '\u001B[A',
  down: '\u001B[B',
  right: '\u001B[C',
  left: '\u001B[D',
  enter: '\r',
  esc: '\u001B',
  backspace: '\u007F',
  pageDown: '\u001B[6~',
  pageUp: '\u001B[5~',
  end: '\u001B[F',
  ctrlC: '\u0003',
} as const;

export type Rendered = ReturnType<typeof render>;

/** Sends keys one at a time, letting Ink re-render after each. */
export async function press(app: Rendered, ...keys: string[]): Promise<void> {
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
  // Keys written before the first frame (and the input hook behind it) are
  // lost: on a loaded machine that takes longer than one settle.
  await vi.waitFor(() => expect(app.lastFrame() ?? '').not.toBe(''), { timeout: 10_000 });
  await settle();
  for (const k of keys) {
    app.stdin.write(k);
    await settle();
  }
}

/** The last frame the App drew ('' before the first). */
export const frame = (app: Rendered): string => app.lastFrame() ?? '';
