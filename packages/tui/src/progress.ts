import { STAGE_NAMES, type PipelineEvent, type StageName } from '@stemma/core';

/** The pipeline's stages in run order, for drawing the ones still to come. */
export const stageOrder: readonly StageName[] = STAGE_NAMES;

export interface StageStatus {
  readonly stage: StageName;
  readonly state: 'pending' | 'running' | 'done';
  readonly done: number;
  readonly total: number;
  /** Set when the stage ended. */
  readonly ms: number | null;
  readonly items: number | null;
}

export interface Progress {
  readonly stages: readonly StageStatus[];
  readonly current: StageName | null;
  readonly warnings: readonly string[];
  /** Facts about the run meant for the user ('info' notices: embeddings cache rebuilt or kept in memory). */
  readonly notices: readonly string[];
}

export const initialProgress: Progress = {
  stages: stageOrder.map((stage) => ({
    stage,
    state: 'pending',
    done: 0,
    total: 0,
    ms: null,
    items: null,
  })),
  current: null,
  warnings: [],
  notices: [],
};

function update(
  progress: Progress,
  stage: StageName,
  patch: Partial<StageStatus>,
): readonly StageStatus[] {
  const known = progress.stages.some((s) => s.stage === stage);
  const stages = known
    ? progress.stages
    : [
        ...progress.stages,
        { stage, state: 'pending' as const, done: 0, total: 0, ms: null, items: null },
      ];
  return stages.map((s) => (s.stage === stage ? { ...s, ...patch } : s));
}

/** Folds one pipeline event into the progress shown while analysing. */
export function reduceProgress(progress: Progress, event: PipelineEvent): Progress {
  switch (event.type) {
    case 'stage-start':
      return {
        ...progress,
        current: event.stage,
        stages: update(progress, event.stage, { state: 'running', done: 0, total: event.total }),
      };
    case 'stage-progress':
      return {
        ...progress,
        current: event.stage,
        stages: update(progress, event.stage, {
          state: 'running',
          done: event.done,
          total: event.total,
        }),
      };
    case 'stage-end':
      return {
        ...progress,
        current: progress.current === event.stage ? null : progress.current,
        stages: update(progress, event.stage, { state: 'done', ms: event.ms, items: event.items }),
      };
    case 'warning':
      return { ...progress, warnings: [...progress.warnings, event.message] };
    case 'notice':
      // Backend details stay hidden; what the user should know is shown.
      return event.level === 'info'
        ? { ...progress, notices: [...progress.notices, event.message] }
        : progress;
  }
}
