import { describe, expect, it } from 'vitest';
import { createProgress } from './progress.js';

/** A stderr stand-in that records what is written. */
function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: () => string } {
  const chunks: string[] = [];
  return {
    isTTY,
    columns: 80,
    write: (chunk: string) => {
      chunks.push(chunk);
      return true;
    },
    text: () => chunks.join(''),
  } as unknown as NodeJS.WriteStream & { text: () => string };
}

describe('createProgress', () => {
  it('without a bar prints only warnings, one sanitized line each', () => {
    const stream = fakeStream(false);
    const p = createProgress({ stream, bar: false, warnings: true });
    p.onEvent({ type: 'stage-start', stage: 'ingest', total: 3 });
    p.onEvent({ type: 'stage-progress', stage: 'ingest', done: 1, total: 3 });
    p.onEvent({ type: 'warning', message: 'a.html: odd\nfile \u001B[31mred\u001B[0m' });
    p.onEvent({ type: 'stage-end', stage: 'ingest', ms: 5, items: 3 });
    p.stop();
    // Core's toOneLine: one line, no control characters.
    expect(stream.text()).toMatch(/^stemma: warning: a\.html: odd file .*red.*\n$/);
    expect(stream.text()).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(stream.text().split('\n')).toHaveLength(2);
  });

  it('prints nothing when quiet', () => {
    const stream = fakeStream(false);
    const p = createProgress({ stream, bar: false, warnings: false });
    p.onEvent({ type: 'warning', message: 'ignored' });
    p.stop();
    expect(stream.text()).toBe('');
  });

  it("shows 'info' notices (cache rebuilt or in memory) without STEMMA_DEBUG, other notices only with it", () => {
    const saved = process.env['STEMMA_DEBUG'];
    delete process.env['STEMMA_DEBUG'];
    try {
      const stream = fakeStream(false);
      const p = createProgress({ stream, bar: false, warnings: true });
      p.onEvent({
        type: 'notice',
        message: '/c/tiny.bin: embeddings cache is corrupt (bad magic); rebuilding it',
        level: 'info',
      });
      p.onEvent({ type: 'notice', message: 'TF.js backend "tensorflow" unavailable' });
      p.stop();
      expect(stream.text()).toBe(
        'stemma: /c/tiny.bin: embeddings cache is corrupt (bad magic); rebuilding it\n',
      );
      const quiet = fakeStream(false);
      const q = createProgress({ stream: quiet, bar: false, warnings: false });
      q.onEvent({ type: 'notice', message: 'rebuilding it', level: 'info' });
      expect(quiet.text()).toBe('');
    } finally {
      if (saved !== undefined) process.env['STEMMA_DEBUG'] = saved;
    }
  });
});
