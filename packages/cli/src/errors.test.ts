import { describe, expect, it } from 'vitest';
import { CoreError, type CoreErrorCode } from '@stemma/core';
import { CliError, describeError } from './errors.js';
import { exitCodeFor, exitCodes } from './exit-codes.js';

describe('exitCodeFor', () => {
  it.each<[CoreErrorCode, number]>([
    ['INVALID_OPTION', 2],
    ['INVALID_ARGUMENT', 2],
    ['INPUT_NOT_FOUND', 3],
    ['NO_DOCUMENTS', 3],
    ['INPUT_BINARY', 3],
    ['MODEL_LOAD_FAILED', 4],
    ['ENCODER_UNAVAILABLE', 4],
    ['CACHE_CORRUPT', 5],
    ['INVALID_REPORT', 6],
  ])('%s → %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });
});

describe('describeError', () => {
  it('maps a CoreError to its exit code and a one-line message', async () => {
    const r = await describeError(new CoreError('NO_DOCUMENTS', 'corpus/'), false);
    expect(r).toEqual({
      exitCode: 3,
      text: 'stemma: corpus/: no readable documents in the inputs; give at least one .txt, .md, .html, .json(l) or .warc file, - or a URL',
    });
  });

  it('maps a CliError to its own exit code', async () => {
    const r = await describeError(new CliError('cannot write x', exitCodes.output), false);
    expect(r).toEqual({ exitCode: 6, text: 'stemma: cannot write x' });
  });

  it('reports anything else as unexpected (1), message only, on one line', async () => {
    const r = await describeError(new TypeError('boom\n  at somewhere'), false);
    expect(r).toEqual({ exitCode: 1, text: 'stemma: boom at somewhere' });
    expect((await describeError('a string', false)).text).toBe('stemma: a string');
  });

  it('strips escape sequences and control characters', async () => {
    const r = await describeError(
      new CoreError('INPUT_NOT_FOUND', 'a\u001B[31mb\u001B]0;title\u0007c\u009Bd'),
      false,
    );
    expect(r.text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(r.text.startsWith('stemma: a')).toBe(true);
    expect(r.text.split('\n')).toHaveLength(1);
  });

  it('adds the stack when debugging', async () => {
    const r = await describeError(new Error('boom'), true);
    expect(r.text.split('\n')[0]).toBe('stemma: boom');
    expect(r.text.split('\n').length).toBeGreaterThan(1);
    expect(r.text).toMatch(/errors\.test\.ts/);
  });
});
