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
});
