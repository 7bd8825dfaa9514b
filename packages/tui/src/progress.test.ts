import { describe, expect, it } from 'vitest';
import { fixtureEvents } from '../test/fixtures.js';
import { initialProgress, reduceProgress } from './progress.js';

describe('reduceProgress', () => {
  it('tracks finished, running and pending stages and collects warnings', () => {
    const p = fixtureEvents.reduce(reduceProgress, initialProgress);
    expect(p.current).toBe('embed');
    expect(p.stages.find((s) => s.stage === 'ingest')).toMatchObject({
      state: 'done',
      ms: 42,
      items: 10,
    });
    expect(p.stages.find((s) => s.stage === 'embed')).toMatchObject({
      state: 'running',
      done: 45,
      total: 120,
    });
    expect(p.stages.find((s) => s.stage === 'lineage')?.state).toBe('pending');
    expect(p.warnings).toHaveLength(1);
  });

  it('clears the current stage when it ends', () => {
    const p = reduceProgress(
      reduceProgress(initialProgress, { type: 'stage-start', stage: 'align', total: 3 }),
      {
        type: 'stage-end',
        stage: 'align',
        ms: 5,
        items: 3,
      },
    );
    expect(p.current).toBeNull();
  });

  it("keeps 'info' notices (cache rebuilt or in memory) for the user and drops debug ones", () => {
    const p = [
      {
        type: 'notice',
        message: 'cache.bin: embeddings cache is corrupt; rebuilding it',
        level: 'info',
      },
      { type: 'notice', message: 'TF.js backend "tensorflow" unavailable' },
    ].reduce(
      (acc, e) => reduceProgress(acc, e as Parameters<typeof reduceProgress>[1]),
      initialProgress,
    );
    expect(p.notices).toEqual(['cache.bin: embeddings cache is corrupt; rebuilding it']);
    expect(p.warnings).toEqual([]);
  });
});
