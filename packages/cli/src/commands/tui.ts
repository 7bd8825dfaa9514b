import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { assertSomeInputExists } from '../inputs.js';
import {
  addPipelineFlags,
  checkPathsOrIndex,
  parseOptions,
  pipelineOptions,
  toPipelineOptions,
} from './shared.js';

/** `stemma tui` options. */
export const options = z.strictObject({
  index: z.string().min(1, 'must not be empty').optional(),
  report: z.string().min(1, 'must not be empty').optional(),
  stored: z.boolean().default(false),
  ...pipelineOptions,
});

export type TuiCommandOptions = z.infer<typeof options>;

/**
 * Opens the interactive lineage browser. @stemma/tui (Ink, React) is loaded
 * only here, so `stemma analyze` never pays for it.
 * @throws CoreError for bad options or inputs; CliError without a terminal.
 */
export async function runTuiCommand(
  paths: readonly string[],
  raw: unknown,
  ctx: CliContext,
): Promise<ExitCode | number> {
  const opts = await parseOptions(options, raw);
  if (opts.report !== undefined) return browseReport(paths, opts, ctx);
  if (opts.stored) return browseStored(paths, opts, ctx);
  checkPathsOrIndex(paths, opts.index);
  if (opts.index === undefined) await assertSomeInputExists(paths);
  // Without a TTY on both ends Ink can neither draw nor read keys, and the
  // browser would wait forever for a "q" that cannot arrive.
  assertTerminal(ctx);
  const { runTui } = await import('@stemma/tui');
  return runTui(paths, {
    ...toPipelineOptions(opts),
    ...(opts.index === undefined ? {} : { index: opts.index }),
    stdout: ctx.stdout,
    stdin: ctx.stdin,
  });
}

/** Refuses to run without a terminal on both ends (see runTuiCommand). */
function assertTerminal(ctx: CliContext): void {
  if (ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true) {
    throw new CliError(
      'tui needs an interactive terminal; for pipes and files use: stemma analyze',
      exitCodes.usage,
    );
  }
}

/**
 * `stemma tui --report FILE`: browses a saved JSON report. The file is read
 * and validated before the terminal is checked, so a bad file gets its one
 * line (exit 3) wherever it is run.
 * @throws CliError for paths or --index given too, a bad report file, or no terminal.
 */
async function browseReport(
  paths: readonly string[],
  opts: TuiCommandOptions,
  ctx: CliContext,
): Promise<ExitCode | number> {
  const file = opts.report ?? '';
  if (paths.length > 0 || opts.index !== undefined) {
    throw new CliError(
      `give --report ${file} alone: it is browsed as saved, without paths or --index`,
      exitCodes.usage,
    );
  }
  const { readReportFile, ReportFileError, runTui } = await import('@stemma/tui');
  let report;
  try {
    report = readReportFile(file);
  } catch (error) {
    if (ReportFileError.isInstance(error))
      throw new CliError(error.message, exitCodes.input, { cause: error });
    throw error;
  }
  assertTerminal(ctx);
  return runTui([], { report, stdout: ctx.stdout, stdin: ctx.stdin });
}

/**
 * `stemma tui --index DIR --stored`: browses the lineage the index stored as
 * its pages were added (as `analyze --index DIR --stored`), without running
 * the pipeline over the stored corpus, so it opens at once at any size.
 * @throws CliError without --index, with paths, or without a terminal;
 *   CoreError for an index that cannot be read.
 */
async function browseStored(
  paths: readonly string[],
  opts: TuiCommandOptions,
  ctx: CliContext,
): Promise<ExitCode | number> {
  if (opts.index === undefined)
    throw new CliError('--stored reads an index: give --index DIR', exitCodes.usage);
  checkPathsOrIndex(paths, opts.index);
  const core = await loadCore();
  const report = await core.storedIndexReport(opts.index, { includeText: true });
  assertTerminal(ctx);
  const { runTui } = await import('@stemma/tui');
  return runTui([], { report, stdout: ctx.stdout, stdin: ctx.stdin });
}

/** Adds `stemma tui` to the program; the action stores its exit code via `done`. */
export function registerTui(program: Command, ctx: CliContext, done: (code: number) => void): void {
  const command = program
    .command('tui')
    .summary('browse the lineage interactively in the terminal')
    .description(
      'Analyses the inputs like `stemma analyze`, then opens a full-screen browser of the lineage forest.',
    )
    .argument('[paths...]', 'files or folders to analyse (none with --index or --report)')
    .option('--index <dir>', 'browse the corpus stored in this index (stemma index add)')
    .option(
      '--stored',
      'with --index: browse the lineage stored when the pages were added, without running the pipeline',
    )
    .option(
      '--report <file>',
      'browse a saved JSON report (stemma analyze --format json --include-text --out FILE)',
    );
  addPipelineFlags(command)
    .addHelpText(
      'after',
      '\nKeys: ↑/↓ move, →/enter expand, ← collapse, p/c parent/child, / search, n/N next/previous match,\nf/F kind filter, +/- lowest confidence, i independent pairs, w warnings, ? help (keys and scores), q quit.',
    )
    .action(async (paths: string[], raw: Record<string, unknown>) => {
      done(await runTuiCommand(paths, raw, ctx));
    });
}
