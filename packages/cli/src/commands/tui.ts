import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
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
  checkPathsOrIndex(paths, opts.index);
  if (opts.index === undefined) await assertSomeInputExists(paths);
  // Without a TTY on both ends Ink can neither draw nor read keys, and the
  // browser would wait forever for a "q" that cannot arrive.
  if (ctx.stdin.isTTY !== true || ctx.stdout.isTTY !== true) {
    throw new CliError(
      'tui needs an interactive terminal; for pipes and files use: stemma analyze',
      exitCodes.usage,
    );
  }
  const { runTui } = await import('@stemma/tui');
  return runTui(paths, {
    ...toPipelineOptions(opts),
    ...(opts.index === undefined ? {} : { index: opts.index }),
    stdout: ctx.stdout,
    stdin: ctx.stdin,
  });
}

/** Adds `stemma tui` to the program; the action stores its exit code via `done`. */
export function registerTui(program: Command, ctx: CliContext, done: (code: number) => void): void {
  const command = program
    .command('tui')
    .summary('browse the lineage interactively in the terminal')
    .description(
      'Analyses the inputs like `stemma analyze`, then opens a full-screen browser of the lineage forest.',
    )
    .argument('[paths...]', 'files or folders to analyse (none with --index)')
    .option('--index <dir>', 'browse the corpus stored in this index (stemma index add)');
  addPipelineFlags(command)
    .addHelpText(
      'after',
      '\nKeys: ↑/↓ move, →/enter expand, ← collapse, i independent pairs, w warnings, q quit.',
    )
    .action(async (paths: string[], raw: Record<string, unknown>) => {
      done(await runTuiCommand(paths, raw, ctx));
    });
}
