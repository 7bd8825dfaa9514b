import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore } from '../core.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { writeAll } from '../stdout.js';
import { DEFAULT_INDEX } from './index-commands.js';
import {
  addInputFlags,
  addPipelineFlags,
  inputOptions,
  parseOptions,
  pipelineOptions,
  toIngestOptions,
} from './shared.js';

const formats = ['json', 'md'] as const;

export const options = z.strictObject({
  index: z.string().min(1, 'must not be empty').default(DEFAULT_INDEX),
  format: z.enum(formats).default('json'),
  add: z.boolean().default(false),
  candidates: z.coerce
    .number()
    .int('must be a whole number')
    .positive('must be positive')
    .optional(),
  ...pipelineOptions,
  ...inputOptions,
});

/** `stemma query`: the stored stories a page derives from and those deriving from it. */
export async function runQuery(page: string, raw: unknown, ctx: CliContext): Promise<ExitCode> {
  const opts = await parseOptions(options, raw);
  const core = await loadCore();
  const input = await toIngestOptions(opts, ctx);
  const result = await core.queryIndex(opts.index, page, {
    backend: opts.backend,
    model: opts.model,
    cacheDir: opts.cacheDir,
    input,
    add: opts.add,
    ...(opts.candidates === undefined ? {} : { candidates: opts.candidates }),
  });
  const text =
    opts.format === 'md' ? core.renderQueryMarkdown(result) : core.renderQueryJson(result);
  await writeAll(ctx.stdout, text);
  return exitCodes.ok;
}

/** Adds `stemma query` to the program. */
export function registerQuery(
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void {
  const command = program
    .command('query')
    .summary('where did this page come from, and what derives from it (from an index)')
    .description(
      'Finds the stored pages sharing paragraphs with PAGE (exact copies by hash, then the vector index), ' +
        'relates them to it with the full pipeline, and prints the ranked candidate parents and children with ' +
        'kind, confidence and evidence. The page is not stored unless --add.',
    )
    .argument('<page>', 'a file, - for stdin, or an http(s) URL')
    .option('--index <dir>', `the index folder (default ${DEFAULT_INDEX})`)
    .addOption(
      new Option('-f, --format <format>', 'answer format').choices(formats).default('json'),
    )
    .option('--add', 'store the page in the index after answering')
    .option(
      '--candidates <n>',
      'stored pages related to it, most shared paragraphs first (default 20)',
    );
  addPipelineFlags(command);
  addInputFlags(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  $ stemma query page.html --index news.idx --format md
  $ curl -s https://example.org/story | stemma query - --index news.idx --add`,
    )
    .action(async (page: string, raw: Record<string, unknown>) => {
      done(await runQuery(page, raw, ctx));
    });
}
