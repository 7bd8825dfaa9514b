import type { Report } from '@stemma/core';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore, oneLine, type CoreModule } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { assertSomeInputExists } from '../inputs.js';
import { createProgress } from '../progress.js';
import { isClosedPipe, stdoutError, writeAll } from '../stdout.js';
import { resolveOutputTarget, writeFileAtomic } from '../write-atomic.js';
import {
  addInputFlags,
  addPipelineFlags,
  checkPathsOrIndex,
  inputOptions,
  parseOptions,
  pipelineOptions,
  toPipelineOptions,
  toIngestOptions,
} from './shared.js';

export const formats = ['json', 'md', 'html', 'dot', 'csv', 'graphml', 'newick'] as const;

/** `stemma analyze` options, after commander has read them. */
export const options = z.strictObject({
  format: z.enum(formats).default('json'),
  out: z.string().min(1, 'must not be empty').optional(),
  quiet: z.boolean().default(false),
  strict: z.boolean().default(false),
  includeText: z.boolean().default(false),
  index: z.string().min(1, 'must not be empty').optional(),
  stored: z.boolean().default(false),
  independent: z.boolean().default(false),
  ...pipelineOptions,
  ...inputOptions,
});

export type AnalyzeOptions = z.infer<typeof options>;

function renderer(
  core: CoreModule,
  opts: Pick<AnalyzeOptions, 'format' | 'independent'>,
): (report: Report) => string {
  const { independent } = opts;
  const byFormat: Record<AnalyzeOptions['format'], (report: Report) => string> = {
    json: core.renderJson,
    md: core.renderMarkdown,
    html: core.renderHtml,
    dot: (report) => core.renderDot(report, { independent }),
    csv: core.renderCsv,
    graphml: (report) => core.renderGraphml(report, { independent }),
    newick: core.renderNewick,
  };
  return byFormat[opts.format];
}

/**
 * Fails before the (slow) analysis when --out cannot take the report: not a
 * regular file or a new name, or its folder missing or read-only.
 * @throws {CliError} exit code 6, one line naming the path and the fix.
 */
async function checkOutPath(out: string): Promise<void> {
  await resolveOutputTarget(out).catch((error: unknown) => {
    throw outputError(out, error);
  });
}

function outputError(out: string, error: unknown): CliError {
  const detail = error instanceof Error ? error.message : String(error);
  return new CliError(`cannot write ${out}: ${detail}`, exitCodes.output, { cause: error });
}

/**
 * Runs the analysis and prints or writes the report.
 * @throws CoreError from core (inputs, model, options); CliError when --out cannot be written.
 */
export async function runAnalyze(
  paths: readonly string[],
  raw: unknown,
  ctx: CliContext,
): Promise<ExitCode> {
  const opts = await parseOptions(options, raw);
  checkPathsOrIndex(paths, opts.index);
  if (opts.stored && opts.index === undefined)
    throw new CliError('--stored reads an index: give --index DIR', exitCodes.usage);
  if (opts.out !== undefined) await checkOutPath(opts.out);
  if (opts.index === undefined) await assertSomeInputExists(paths);
  const core = await loadCore();
  const input = await toIngestOptions(opts, ctx);

  const progress = createProgress({
    stream: ctx.stderr,
    bar: ctx.stderr.isTTY === true && !opts.quiet,
    warnings: !opts.quiet,
  });
  const shown = new Set<string>();
  let report: Report;
  try {
    const common = {
      ...toPipelineOptions(opts),
      strict: opts.strict,
      // The HTML page shows the aligned paragraphs side by side, so it needs their text.
      includeText: opts.includeText || opts.format === 'html',
      onEvent: (event: Parameters<typeof progress.onEvent>[0]) => {
        if (event.type === 'warning') shown.add(event.message);
        progress.onEvent(event);
      },
    };
    report =
      opts.index === undefined
        ? await core.analyze(paths, { ...common, input })
        : opts.stored
          ? await core.storedIndexReport(opts.index, { includeText: common.includeText })
          : (await core.analyzeIndex(opts.index, common)).report;
  } finally {
    progress.stop();
  }
  if (!opts.quiet) {
    for (const w of report.warnings)
      if (!shown.has(w)) ctx.stderr.write(`stemma: warning: ${oneLine(w)}\n`);
  }

  // Whatever the format, the report behind it must match its own schema: a
  // report that does not is a bug, reported as one (exit 6), never printed.
  const validate: CoreModule['validateReport'] = core.validateReport;
  validate(report);
  const text = renderer(core, opts)(report);
  if (opts.out === undefined) {
    try {
      await writeAll(ctx.stdout, text);
    } catch (error) {
      if (isClosedPipe(error)) return exitCodes.ok;
      throw stdoutError(error, 'write the report to a file with --out FILE');
    }
  } else {
    const out = opts.out;
    await writeFileAtomic(out, text).catch((error: unknown) => {
      throw outputError(out, error);
    });
  }
  return exitCodes.ok;
}

/** Adds `stemma analyze` to the program; the action stores its exit code via `done`. */
export function registerAnalyze(
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void {
  const command = program
    .command('analyze')
    .summary('analyse files and folders and print the lineage report')
    .description(
      'Reads .txt, .md, .html, .json/.jsonl corpora and WARC crawls (also gzipped), folders of them, - (stdin) ' +
        'and http(s) URLs; finds stories that derive from one another, and prints the report: JSON (the schema in ' +
        '@stemma/core/schema.json), Markdown, standalone HTML, Graphviz DOT, CSV, GraphML or Newick.',
    )
    .argument('[paths...]', 'files, folders, - for stdin, or http(s) URLs (none with --index)')
    .addOption(
      new Option('-f, --format <format>', 'report format').choices(formats).default('json'),
    )
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .option(
      '--index <dir>',
      'report on the corpus stored in this index (stemma index add) instead of paths',
    )
    .option(
      '--stored',
      'with --index: render the lineage stored when the pages were added, without running the pipeline',
    );
  addPipelineFlags(command)
    .option('-q, --quiet', 'no progress bar and no warnings on stderr (errors are still printed)')
    .option(
      '--strict',
      'treat every warning as a failure: stop with exit code 3 after the stage that warned',
    )
    .option(
      '--include-text',
      "add each story's paragraphs to the JSON report (stories[].paragraphs)",
    )
    .option(
      '--independent',
      'dot, graphml: also draw the independent pairs (same event, no copying) as undirected edges',
    );
  addInputFlags(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  $ stemma analyze corpus/                              JSON report on stdout
  $ stemma analyze crawl.warc.gz export.jsonl --field-text body --strict
  $ curl -s https://example.org/story | stemma analyze - saved/ --include '*.html'
  $ stemma analyze a.html b.txt --format md             Markdown report
  $ stemma analyze corpus --format html --out report.html
  $ stemma analyze corpus --format dot | dot -Tsvg > lineage.svg
  $ stemma analyze corpus --format csv --out relations.csv   one row per relation
  $ stemma analyze corpus --format graphml --out lineage.graphml   for Gephi, yEd
  $ stemma analyze corpus --format newick               one tree per line, for phylogenetics tools
  $ stemma analyze --index news.idx --format md         the corpus stored by stemma index add
  $ stemma analyze --index news.idx --stored            its stored lineage, without re-running the pipeline`,
    )
    .action(async (paths: string[], raw: Record<string, unknown>) => {
      done(await runAnalyze(paths, raw, ctx));
    });
}
