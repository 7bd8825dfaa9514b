import cliProgress from 'cli-progress';
import type { PipelineEvent } from '@stemma/core';
import { STAGE_LABELS, type StageName } from '@stemma/core/stages';
import { oneLine } from './core.js';

/** What the analyze command needs from a progress display. */
export interface Progress {
  readonly onEvent: (event: PipelineEvent) => void;
  /** Prints one line on stderr without tearing the bar. */
  readonly log: (line: string) => void;
  /** Removes the bar and flushes pending lines; safe to call twice. */
  readonly stop: () => void;
}

export interface ProgressOptions {
  readonly stream: NodeJS.WriteStream;
  /** Draw a bar (stderr is a TTY and not --quiet). */
  readonly bar: boolean;
  /** Print warnings (not --quiet). */
  readonly warnings: boolean;
}

const stageLabel: Readonly<Record<StageName, string>> = STAGE_LABELS;

/**
 * Progress on stderr: a cli-progress bar per stage when `bar` is set,
 * otherwise nothing (stderr stays clean for logs and pipes). Warnings are
 * printed one sanitized line each, as they arrive.
 */
export function createProgress(options: ProgressOptions): Progress {
  const { stream } = options;
  let multi: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;

  const log = (line: string): void => {
    if (multi !== undefined) {
      multi.log(`${line}\n`);
      multi.update();
    } else {
      stream.write(`${line}\n`);
    }
  };

  const onEvent = (event: PipelineEvent): void => {
    if (event.type === 'warning') {
      if (options.warnings) log(`stemma: warning: ${oneLine(event.message)}`);
      return;
    }
    // Notices are facts about the run, not problems with inputs: 'info' ones
    // (embeddings cache rebuilt or kept in memory) are shown like warnings,
    // the rest (backend fallback, cache built) only with STEMMA_DEBUG.
    if (event.type === 'notice') {
      if ((event.level === 'info' && options.warnings) || process.env['STEMMA_DEBUG'])
        log(`stemma: ${oneLine(event.message)}`);
      return;
    }
    if (!options.bar) return;
    if (multi === undefined) {
      multi = new cliProgress.MultiBar(
        {
          stream,
          format: '{stage} [{bar}] {value}/{total}',
          barsize: 30,
          clearOnComplete: true,
          hideCursor: false,
          autopadding: true,
        },
        cliProgress.Presets.shades_classic,
      );
    }
    const stage = stageLabel[event.stage].padEnd(16);
    if (event.type === 'stage-start') {
      if (bar === undefined) bar = multi.create(Math.max(1, event.total), 0, { stage });
      else {
        bar.setTotal(Math.max(1, event.total));
        bar.update(0, { stage });
      }
    } else if (event.type === 'stage-progress') {
      bar?.setTotal(Math.max(1, event.total));
      bar?.update(event.done, { stage });
    } else {
      bar?.update(bar.getTotal(), { stage });
    }
  };

  const stop = (): void => {
    if (multi === undefined) return;
    multi.update();
    multi.stop();
    multi = undefined;
    bar = undefined;
  };

  return { onEvent, log, stop };
}
