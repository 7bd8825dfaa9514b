import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indexAdd } from '@stemma/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixtureEvents, fixtureReport, fixtureResult } from '../test/fixtures.js';

// Ink draws only the final frame when it detects CI (is-in-ci reads CI when
// Ink is first imported); these tests watch the frames in between.
vi.hoisted(() => {
  process.env['CI'] = 'false';
});

// runTui calls core's runPipeline; the real one reads and embeds a corpus, so stand in for it.
const runPipeline = vi.hoisted(() => vi.fn());
vi.mock('@stemma/core', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@stemma/core')>()),
  runPipeline,
}));

const { runTui } = await import('./run-tui.js');

class FakeStdout extends EventEmitter {
  readonly columns = 100;
  readonly rows = 30;
  readonly isTTY: boolean;
  readonly chunks: string[] = [];
  constructor(isTTY: boolean) {
    super();
    this.isTTY = isTTY;
  }
  write = (chunk: string): boolean => {
    this.chunks.push(chunk);
    return true;
  };
}

/** Enough of a ReadStream for Ink: 'readable' + read(), raw mode as a no-op. */
class FakeStdin extends EventEmitter {
  readonly isTTY: boolean | undefined;
  private data: string | null = null;
  constructor(isTTY: boolean | undefined) {
    super();
    this.isTTY = isTTY;
  }
  type(data: string): void {
    this.data = data;
    this.emit('readable');
  }
  read = (): string | null => {
    const d = this.data;
    this.data = null;
    return d;
  };
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const streams = (stdoutTTY: boolean, stdinTTY: boolean | undefined) => {
  const stdout = new FakeStdout(stdoutTTY);
  const stdin = new FakeStdin(stdinTTY);
  return {
    stdout,
    stdin,
    options: {
      stdout: stdout as unknown as NodeJS.WriteStream,
      stdin: stdin as unknown as NodeJS.ReadStream,
      // vitest's console cannot be patched.
      patchConsole: false,
    },
  };
};

const until = async (check: () => boolean): Promise<void> => {
  await vi.waitFor(() => {
    if (!check()) throw new Error('not yet');
  });
};

afterEach(() => {
  runPipeline.mockReset();
});

describe('runTui', () => {
  it('runs the pipeline with progress, shows the forest, and resolves 0 on q', async () => {
    runPipeline.mockImplementation(
      async (_paths: readonly string[], opts: { onEvent?: (e: unknown) => void }) => {
        for (const e of fixtureEvents) opts.onEvent?.(e);
        return fixtureResult();
      },
    );
    const onEvent = vi.fn();
    const { stdout, stdin, options } = streams(true, true);
    const done = runTui(['corpus/'], { ...options, onEvent, backend: 'cpu' });

    await until(() => stdout.chunks.join('').includes('wire#1'));
    expect(runPipeline).toHaveBeenCalledWith(
      ['corpus/'],
      expect.objectContaining({ backend: 'cpu' }),
    );
    expect(onEvent).toHaveBeenCalledTimes(fixtureEvents.length);
    stdin.type('q');
    await expect(done).resolves.toBe(0);

    const out = stdout.chunks.join('');
    expect(out.startsWith('\u001B[?1049h')).toBe(true);
    expect(out.endsWith('\u001B[?1049l')).toBe(true);
  });

  it('shows a failure until q, then rejects with it; resolves 130 when quit while analysing', async () => {
    const boom = new Error('boom');
    runPipeline.mockRejectedValueOnce(boom);
    const a = streams(false, true);
    const failed = runTui(['x'], a.options);
    failed.catch(() => {});
    await until(() => a.stdout.chunks.join('').includes('boom'));
    a.stdin.type('q');
    await expect(failed).rejects.toBe(boom);

    runPipeline.mockReturnValueOnce(new Promise(() => {}));
    const b = streams(false, true);
    const pending = runTui(['x'], b.options);
    await until(() => b.stdout.chunks.join('').includes('analysing'));
    b.stdin.type('\u0003');
    await expect(pending).resolves.toBe(130);
  });

  it('without a TTY on stdin draws the result once and exits 0 on the main screen', async () => {
    runPipeline.mockResolvedValueOnce(fixtureResult());
    const { stdout, options } = streams(true, undefined);
    await expect(runTui(['x'], options)).resolves.toBe(0);
    const out = stdout.chunks.join('');
    expect(out).toContain('wire#1');
    expect(out).not.toContain('\u001B[?1049h');
  });

  it('browses the corpus stored in an index (analyzeIndex), without reading any path', async () => {
    const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
    const dir = mkdtempSync(join(tmpdir(), 'stemma-tui-index-'));
    try {
      const index = join(dir, 'idx');
      await indexAdd(index, [join(examples, 'original.txt'), join(examples, 'light-edit.txt')]);
      const { stdout, options } = streams(true, undefined);
      await expect(runTui([], { ...options, index })).resolves.toBe(0);
      expect(runPipeline).not.toHaveBeenCalled();
      const out = stdout.chunks.join('');
      expect(out).toContain('original#1');
      expect(out).toContain('light-edit#1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('browses a saved report (--report) without analysing, and refuses a bad file before drawing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stemma-tui-saved-'));
    try {
      const file = join(dir, 'report.json');
      writeFileSync(file, JSON.stringify(fixtureReport()));
      const ok = streams(true, true);
      const done = runTui([], { ...ok.options, report: file });
      await until(() => ok.stdout.chunks.join('').includes('wire#1'));
      ok.stdin.type('\u001B[B');
      await until(() => ok.stdout.chunks.join('').includes('Paragraph text is not in this report'));
      ok.stdin.type('q');
      await expect(done).resolves.toBe(0);
      expect(runPipeline).not.toHaveBeenCalled();

      const bad = streams(true, true);
      writeFileSync(join(dir, 'bad.json'), '{"relations": []}');
      await expect(runTui([], { ...bad.options, report: join(dir, 'bad.json') })).rejects.toThrow(
        /bad\.json: report does not match the schema/,
      );
      await expect(runTui([], { ...bad.options, report: join(dir, 'gone.json') })).rejects.toThrow(
        /gone\.json: no such report file/,
      );
      expect(bad.stdout.chunks).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
