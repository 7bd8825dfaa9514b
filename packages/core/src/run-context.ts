/**
 * What every stage of a run shares: the event sink, the warnings so far,
 * timing of each stage, and the --strict check between stages.
 */

import { CoreError } from './errors.js';
import type { StageName } from './stages.js';
import type { NoticeLevel, PipelineEvent } from './types.js';

export interface RunContext {
  /** Every warning so far, in order. */
  readonly warnings: readonly string[];
  /** A problem with one input: kept for the report and emitted. */
  readonly warn: (message: string) => void;
  /** A fact about the run (backend fallback, cache rebuilt), not a problem with an input; 'debug' unless said. */
  readonly notice: (message: string, level?: NoticeLevel) => void;
  /** Progress within a stage. */
  readonly progress: (stage: StageName) => (done: number, total: number) => void;
  /**
   * Runs one stage between its start and end events; `items` counts what it produced.
   * @throws whatever the stage throws.
   */
  readonly stage: <T>(
    stage: StageName,
    total: number,
    run: () => Promise<T> | T,
    items: (result: T) => number,
  ) => Promise<T>;
  /**
   * With --strict, ends the run once a stage has warned (all its warnings shown).
   * @throws CoreError STRICT_WARNINGS.
   */
  readonly failIfStrict: () => void;
}

/** A fresh context for one run. */
export function createRunContext(options: {
  readonly onEvent?: ((event: PipelineEvent) => void) | undefined;
  readonly strict?: boolean | undefined;
}): RunContext {
  const emit = (e: PipelineEvent) => options.onEvent?.(e);
  const warnings: string[] = [];
  return {
    warnings,
    warn: (message) => {
      warnings.push(message);
      emit({ type: 'warning', message });
    },
    notice: (message, level) => emit({ type: 'notice', message, ...(level ? { level } : {}) }),
    progress: (stage) => (done, total) => emit({ type: 'stage-progress', stage, done, total }),
    stage: async (stage, total, run, items) => {
      const t0 = performance.now();
      emit({ type: 'stage-start', stage, total });
      const result = await run();
      emit({
        type: 'stage-end',
        stage,
        ms: Math.round(performance.now() - t0),
        items: items(result),
      });
      return result;
    },
    failIfStrict: () => {
      if (options.strict && warnings.length > 0) {
        const n = warnings.length;
        throw new CoreError(
          'STRICT_WARNINGS',
          warnings[0] ?? '',
          `${n} warning${n === 1 ? '' : 's'}`,
        );
      }
    },
  };
}
