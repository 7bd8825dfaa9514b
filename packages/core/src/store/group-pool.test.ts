import { availableParallelism } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import type { EncoderInfo, IngestedDoc } from '../types.js';
import {
  type GroupResult,
  type GroupTask,
  MAX_SHARE,
  relateOnThreads,
  relateThreads,
} from './group-pool.js';

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

describe('relateOnThreads', () => {
  const groups: GroupTask[] = Array.from({ length: 3000 }, (_, i) => ({
    docs: [{ id: String(i) } as IngestedDoc],
  }));
  // Which group a result is for (`align`), and where it was related (`embed`: 1 in a worker).
  const result = (g: GroupTask, inWorker: boolean): GroupResult => ({
    encoder: {} as EncoderInfo,
    components: [],
    stages: { align: Number(g.docs[0]?.id), embed: inWorker ? 1 : 0 },
  });
  const never = new Promise<never>(() => {});
  const outOfMemory = () =>
    Object.assign(
      new Error('Worker terminated due to reaching memory limit: JS heap out of memory'),
      {
        code: 'ERR_WORKER_OUT_OF_MEMORY',
      },
    );

  it('returns the groups in order, sends at most MAX_SHARE at once, and relates on the calling thread a batch a worker ran out of memory on', async () => {
    const sent: GroupTask[][] = [];
    const out = await relateOnThreads(groups, async (g) => result(g, false), {
      workers: 1,
      send: async (batch) => {
        sent.push([...batch]);
        if (sent.length === 2) throw outOfMemory();
        return batch.map((g) => result(g, true));
      },
      failed: never,
    });
    expect(out.map((r) => r.stages.align)).toEqual(groups.map((_, i) => i));
    expect(sent.length).toBeGreaterThan(2);
    expect(Math.max(...sent.map((b) => b.length))).toBe(MAX_SHARE);
    const lost = new Set(sent[1]!.map((g) => Number(g.docs[0]?.id)));
    expect(lost.size).toBeGreaterThan(0);
    for (const i of lost) expect(out[i]?.stages.embed).toBe(0);
    // Every other batch's results are the worker's.
    for (const b of [sent[0]!, ...sent.slice(2)])
      for (const g of b) expect(out[Number(g.docs[0]?.id)]?.stages.embed).toBe(1);
  });

  it('fails naming the batch when a worker fails otherwise', async () => {
    await expect(
      relateOnThreads(groups.slice(0, 10), async (g) => result(g, false), {
        workers: 1,
        send: async () => {
          throw new Error('boom');
        },
        failed: never,
      }),
    ).rejects.toThrow(/relate stage: a worker failed on \d+ group\(s\) from page \d+: boom/);
  });
});
