import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerAnalyze } from './commands/analyze.js';
import { registerGenerate } from './commands/generate.js';
import { registerIndex } from './commands/index-commands.js';
import { registerQuery } from './commands/query.js';
import { registerTui } from './commands/tui.js';
import { registerWatch } from './commands/watch.js';
import { processContext, type CliContext } from './context.js';
import { oneLine } from './core.js';
import { describeError } from './errors.js';
import { exitCodeHelp, exitCodes } from './exit-codes.js';

const pkg = createRequire(import.meta.url)('../package.json') as { version: string };

/** The `stemma` command line, writing to `ctx`; `done` receives the chosen command's exit code. */
export function createProgram(ctx: CliContext, done: (code: number) => void): Command {
  const program = new Command('stemma')
    .description(
      'Trace which news stories were copied, edited, paraphrased, spun or translated from which.',
    )
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => ctx.stdout.write(s),
      writeErr: (s) => ctx.stderr.write(s),
      // Printed by main() as one "stemma: …" line with the usage exit code.
      outputError: () => undefined,
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      `
Examples:
  $ stemma analyze corpus/                          JSON report on stdout
  $ stemma analyze corpus --format md --out report.md
  $ stemma analyze corpus --format dot | dot -Tsvg > lineage.svg
  $ stemma tui corpus/                              browse the lineage
  $ stemma index add corpus/ --index news.idx       keep the corpus on disk
  $ stemma query page.html --index news.idx         where did this page come from?
  $ stemma watch inbox/ --index news.idx            add pages as they land, relations as JSON lines

Environment:
  STEMMA_CACHE_DIR  folder for the word-vector cache (default ~/.cache/stemma)
  STEMMA_DEBUG=1    print stack traces for unexpected errors

${exitCodeHelp}
`,
    );
  registerAnalyze(program, ctx, done);
  registerTui(program, ctx, done);
  registerGenerate(program, ctx, done);
  registerIndex(program, ctx, done);
  registerQuery(program, ctx, done);
  registerWatch(program, ctx, done);
  return program;
}

/**
 * Runs the CLI on `argv` (as in process.argv: node, script, args…) and
 * returns the exit code. Never throws and never calls process.exit, so it can
 * be embedded and tested.
 */
export async function main(
  argv: readonly string[],
  ctx: CliContext = processContext(),
): Promise<number> {
  let code: number = exitCodes.ok;
  const program = createProgram(ctx, (c) => {
    code = c;
  });
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end with exit code 0; bare `stemma` prints help to stderr.
      if (error.exitCode === 0) return exitCodes.ok;
      if (error.code !== 'commander.help') {
        ctx.stderr.write(`stemma: ${oneLine(error.message.replace(/^error: /, ''))}\n`);
      }
      return exitCodes.usage;
    }
    const { exitCode, text } = await describeError(error, ctx.env['STEMMA_DEBUG'] === '1');
    ctx.stderr.write(`${text}\n`);
    return exitCode;
  }
}
