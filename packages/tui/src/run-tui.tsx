import { analyzeIndex, runPipeline, type PipelineOptions, type Report } from '@stemma/core';
import { render } from 'ink';
import { App, exitCodes } from './components/App.js';
import { readReportFile, resultFromReport } from './report-file.js';

export interface TuiOptions extends PipelineOptions {
  /** Where to draw (default process.stdout). */
  readonly stdout?: NodeJS.WriteStream;
  /** Where keys come from (default process.stdin); needs a TTY for raw mode. */
  readonly stdin?: NodeJS.ReadStream;
  /**
   * Draw on the terminal's alternate screen and restore the previous screen
   * on exit, as full-screen programs do. Default: when stdout and stdin are TTYs.
   */
  readonly alternateScreen?: boolean;
  /**
   * Route console output (e.g. TF.js notices) above the drawing instead of
   * through it, as Ink does by default. Default true.
   */
  readonly patchConsole?: boolean;
  /**
   * Browse the corpus stored in this index (`stemma index add`), analysed by
   * `analyzeIndex`, instead of analysing `paths` (then empty; `input` unused).
   */
  readonly index?: string;
  /**
   * Browse a saved JSON report (`stemma analyze --format json`): a file
   * name, read and validated with {@link readReportFile}, or a report
   * already validated. Nothing is analysed (`paths` empty, pipeline options unused).
   */
  readonly report?: string | Report;
}

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';

/**
 * Runs the interactive TUI: analyses `paths` with `runPipeline` (or the
 * stored corpus of `options.index` with `analyzeIndex`) while showing
 * progress, then lets the user browse the lineage forest until they quit.
 * Resolves with the exit code: 0 after browsing a result, 130 when the user
 * quit (q / ctrl-c) before the analysis finished.
 *
 * When the analysis fails the TUI shows the error until the user quits, then
 * rejects with that error (a CoreError, say), so the caller can print it on
 * the restored screen and map it to its own exit code.
 * @throws whatever `runPipeline` threw, once the user has quit.
 *
 * Quitting early does not stop the pipeline (it takes no abort signal), so a
 * caller that gets 130 should exit the process.
 *
 * With `options.report` it browses that saved report instead; a bad report
 * file is refused before anything is drawn.
 * @throws ReportFileError for a report file that is missing, not JSON or not a report.
 */
export async function runTui(paths: readonly string[], options: TuiOptions = {}): Promise<number> {
  const {
    stdout = process.stdout,
    stdin = process.stdin,
    alternateScreen,
    patchConsole = true,
    onEvent,
    index,
    report,
    ...pipeline
  } = options;
  const saved =
    report === undefined
      ? undefined
      : resultFromReport(typeof report === 'string' ? readReportFile(report) : report);
  // Without a keyboard the app draws once and exits; keep that frame on the main screen.
  const useAlternate = alternateScreen ?? (stdout.isTTY === true && stdin.isTTY === true);
  let code: number = exitCodes.failed;
  const failure: { failed: boolean; error: unknown } = { failed: false, error: undefined };

  if (useAlternate) stdout.write(enterAlternateScreen);
  try {
    const onExit = (c: number): void => {
      code = c;
    };
    const instance = render(
      saved === undefined ? (
        <App
          load={(emit) => {
            const both = (event: Parameters<typeof emit>[0]) => {
              onEvent?.(event);
              emit(event);
            };
            return (
              index === undefined
                ? runPipeline(paths, { ...pipeline, onEvent: both })
                : analyzeIndex(index, { ...withoutReading(pipeline), onEvent: both })
            ).catch((error: unknown) => {
              failure.failed = true;
              failure.error = error;
              throw error;
            });
          }}
          onExit={onExit}
        />
      ) : (
        <App result={saved} onExit={onExit} />
      ),
      { stdout, stdin, exitOnCtrlC: false, patchConsole },
    );
    await instance.waitUntilExit();
    instance.cleanup();
  } finally {
    if (useAlternate) stdout.write(leaveAlternateScreen);
  }
  // Drawn on the alternate screen, the error is gone now: hand it to the caller.
  if (failure.failed && code === exitCodes.failed) throw failure.error;
  return code;
}

/** A run's options less `input`: a stored corpus was read when it was added. */
function withoutReading(options: PipelineOptions): Omit<PipelineOptions, 'input'> {
  return Object.fromEntries(Object.entries(options).filter(([key]) => key !== 'input'));
}
