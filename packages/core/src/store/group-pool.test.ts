import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { relateThreads } from './group-pool.js';

const saved = process.env['STEMMA_RELATE_THREADS'];
afterEach(() => {
  if (saved === undefined) delete process.env['STEMMA_RELATE_THREADS'];
  else process.env['STEMMA_RELATE_THREADS'] = saved;
});

describe('relateThreads', () => {
  it('uses the machine’s cores when STEMMA_RELATE_THREADS is not set, at most 4', () => {
    delete process.env['STEMMA_RELATE_THREADS'];
    expect(relateThreads()).toBe(Math.min(availableParallelism(), 4));
  });

  it('takes a whole number from the environment, 1 meaning the calling thread alone', () => {
    process.env['STEMMA_RELATE_THREADS'] = '1';
    expect(relateThreads()).toBe(1);
    process.env['STEMMA_RELATE_THREADS'] = '3';
    expect(relateThreads()).toBe(3);
    process.env['STEMMA_RELATE_THREADS'] = '64';
    expect(relateThreads()).toBe(4);
  });

  it('falls back to the machine’s cores on a value that is not a whole number from 1', () => {
    for (const bad of ['0', '-2', '1.5', 'two', '']) {
      process.env['STEMMA_RELATE_THREADS'] = bad;
      expect(relateThreads()).toBe(Math.min(availableParallelism(), 4));
    }
  });
});
