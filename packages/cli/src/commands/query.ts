import { createInterface } from 'node:readline';
import type { QueryResult } from '@stemma/core';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { isCoreError, loadCore, oneLine } from '../core.js';
import { exitCodeFor, exitCodes, type ExitCode } from '../exit-codes.js';
import { writeAll } from '../stdout.js';
import { candidatesOption, DEFAULT_INDEX, indexOption } from './index-commands.js';
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
  index: indexOption,
  format: z.enum(formats).default('json'),
  add: z.boolean().default(false),
  stdinPaths: z.boolean().default(false),
  candidates: candidatesOption,
  ...pipelineOptions,
  ...inputOptions,
});

/**
 * `stemma query`: the stored stories a page derives from and those deriving
 * from it. One page: one answer (indented JSON, or Markdown). Several pages,
 * or paths read from stdin with --stdin-paths: one index reader (one encoder
 * and vector-graph load) answers them all, in order, as JSON Lines (one
 * compact object per page) or one Markdown section per page. A page that
 * cannot be read is reported (a JSON line `{"page", "error"}`, or a stderr
 * line) and the others are still answered; the exit code is then the first
 * such page's. A damaged or missing index ends the run.
 */
export async function runQuery(
  pages: readonly string[],
  raw: unknown,
  ctx: CliContext,
): Promise<ExitCode> {
  const opts = await parseOptions(options, raw);
  const core = await loadCore();
  if (opts.stdinPaths && pages.length > 0)
    throw new core.CoreError(
      'INVALID_OPTION',
      '--stdin-paths',
      'reads the pages from stdin, one path a line; give no PAGE arguments with it',
    );
  if (!opts.stdinPaths && pages.length === 0)
    throw new core.CoreError('INVALID_OPTION', 'PAGE', 'give a page, or --stdin-paths');
  const input = await toIngestOptions(opts, ctx);
  const encoderOptions = {
    backend: opts.backend,
    model: opts.model,
    cacheDir: opts.cacheDir,
    input,
    ...(opts.candidates === undefined ? {} : { candidates: opts.candidates }),
  };
  const render = (r: QueryResult): string =>
    opts.format === 'md' ? core.renderQueryMarkdown(r) : core.renderQueryJson(r);
  if (pages.length === 1 && !opts.stdinPaths) {
    const result = await core.queryIndex(opts.index, pages[0] ?? '', {
      ...encoderOptions,
      add: opts.add,
    });
    await writeAll(ctx.stdout, render(result));
    return exitCodes.ok;
  }
  if (opts.add)
    throw new core.CoreError(
      'INVALID_OPTION',
      '--add',
      'takes one page; add several with stemma index add, or keep adding with stemma watch',
    );
  const reader = await core.openIndexReader(opts.index, encoderOptions);
  let code: ExitCode = exitCodes.ok;
  try {
    const answer = async (page: string): Promise<void> => {
      let text: string;
      try {
        const result = await reader.query(page);
        text = opts.format === 'md' ? render(result) : `${JSON.stringify(result)}\n`;
      } catch (error) {
        // The index itself failing ends the run; one page failing does not.
        if (!isCoreError(error) || error.code.startsWith('INDEX_')) throw error;
        if (code === exitCodes.ok) code = exitCodeFor(error.code);
        if (opts.format === 'md') {
          ctx.stderr.write(`stemma: ${oneLine(error.message)}\n`);
          return;
        }
        text = `${JSON.stringify({ page, error: { code: error.code, message: error.message } })}\n`;
      }
      await writeAll(ctx.stdout, text);
    };
    if (opts.stdinPaths) {
      const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
      for await (const line of lines) if (line.trim() !== '') await answer(line.trim());
    } else for (const page of pages) await answer(page);
  } finally {
    await reader.close();
  }
  return code;
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
      'Finds the stored pages sharing paragraphs with each PAGE (exact copies by hash, then the vector index), ' +
        'relates them to it with the full pipeline, and prints the ranked candidate parents and children with ' +
        'kind, confidence and evidence. The page is not stored unless --add. Several pages, or --stdin-paths, ' +
        'are answered by one reader (one encoder and vector-file load) as JSON Lines, one object per page; ' +
        'a page that cannot be read gets {"page", "error"} and the rest are still answered.',
    )
    .argument(
      '[pages...]',
      'files, - for stdin, or http(s) URLs; several are answered by one reader, as JSON Lines',
    )
    .option('--index <dir>', `the index folder (default ${DEFAULT_INDEX})`)
    .addOption(
      new Option('-f, --format <format>', 'answer format').choices(formats).default('json'),
    )
    .option('--add', 'store the page in the index after answering (one page only)')
    .option(
      '--stdin-paths',
      'read pages from stdin, one path or URL a line, and answer each as one JSON line as it comes',
    )
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
  $ curl -s https://example.org/story | stemma query - --index news.idx --add
  $ stemma query a.html b.html c.html --index news.idx        one JSON line per page
  $ ls inbox/*.html | stemma query --stdin-paths --index news.idx`,
    )
    .action(async (pages: string[], raw: Record<string, unknown>) => {
      done(await runQuery(pages, raw, ctx));
    });
}
