import type { Command } from 'commander';
import type * as Store from '@stemma/core/store';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore, oneLine } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { createProgress } from '../progress.js';
import { writeAll } from '../stdout.js';
import {
  addEncoderFlags,
  addInputFlags,
  addPipelineFlags,
  inputOptions,
  parseOptions,
  pipelineOptions,
  toIngestOptions,
  toPipelineOptions,
} from './shared.js';

/** Where the index lives unless --index says. */
export const DEFAULT_INDEX = '.stemma';

/** `--index DIR` as every command on an index reads it. */
export const indexOption = z.string().min(1, 'must not be empty').default(DEFAULT_INDEX);

/** `--candidates N` of `stemma query` and `stemma watch`: stored pages related to each page. */
export const candidatesOption = z.coerce
  .number()
  .int('must be a whole number')
  .positive('must be positive')
  .optional();

const common = {
  index: indexOption,
  json: z.boolean().default(false),
};
const addOptions = z.strictObject({
  ...common,
  quiet: z.boolean().default(false),
  strict: z.boolean().default(false),
  ...pipelineOptions,
  ...inputOptions,
});
const plainOptions = z.strictObject(common);
/** `index remove` re-draws the lineage left: it builds the encoder the index was made with. */
const removeOptions = z.strictObject({
  ...common,
  backend: pipelineOptions.backend,
  model: pipelineOptions.model,
  cacheDir: pipelineOptions.cacheDir,
});

function addIndexFlags(command: Command): Command {
  return command
    .option('--index <dir>', `the index folder (default ${DEFAULT_INDEX})`)
    .option('--json', 'print the result as JSON');
}

type StoreModule = typeof Store;

const print = (ctx: CliContext, text: string) => writeAll(ctx.stdout, text);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `stemma index add`: reads, segments and embeds only pages the index does not hold. */
export async function runIndexAdd(
  paths: readonly string[],
  raw: unknown,
  ctx: CliContext,
): Promise<ExitCode> {
  const opts = await parseOptions(addOptions, raw);
  const core = await loadCore();
  const input = await toIngestOptions(opts, ctx);
  const progress = createProgress({
    stream: ctx.stderr,
    bar: ctx.stderr.isTTY === true && !opts.quiet,
    warnings: !opts.quiet,
  });
  const t0 = performance.now();
  let result;
  try {
    result = await core.indexAdd(opts.index, paths, {
      ...toPipelineOptions(opts),
      input,
      strict: opts.strict,
      onEvent: progress.onEvent,
    });
  } finally {
    progress.stop();
  }
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  if (opts.json) await print(ctx, json(result));
  else {
    const paragraphs = result.added.reduce((n, d) => n + d.paragraphs, 0);
    await print(
      ctx,
      `${opts.index}: added ${result.added.length} pages (${paragraphs} paragraphs, ${result.embedded} embedded, ` +
        `${result.duplicateParagraphs} exact copies found by hash), skipped ${result.skipped.length} already indexed; ` +
        `generation ${result.generation}, ${seconds} s\n` +
        (result.lineage === undefined
          ? ''
          : `  lineage: ${result.lineage.relations} relations re-drawn over ${result.lineage.pages} pages ` +
            `in ${result.lineage.groups} groups (largest ${result.lineage.largest}), ` +
            `${((result.lineage.ms.candidates + result.lineage.ms.relate) / 1000).toFixed(1)} s\n`) +
        (result.versions === undefined || result.versions.length === 0
          ? ''
          : `  new versions of: ${result.versions.map(oneLine).join(', ')}\n`),
    );
  }
  return exitCodes.ok;
}

/** `stemma index remove`: one new generation without the pages, the lineage left re-drawn. */
async function runIndexRemove(
  ids: readonly string[],
  raw: unknown,
  ctx: CliContext,
): Promise<ExitCode> {
  const opts = await parseOptions(removeOptions, raw);
  const dir = opts.index;
  // Not the light entry point: the lineage left is re-drawn by the pipeline.
  const core = await loadCore();
  const r = await core.indexRemove(dir, ids, {
    ...(opts.backend === undefined ? {} : { backend: opts.backend }),
    ...(opts.model === undefined ? {} : { model: opts.model }),
    ...(opts.cacheDir === undefined ? {} : { cacheDir: opts.cacheDir }),
  });
  if (r.removed.length === 0)
    throw new CliError(
      `${dir}: no page with id ${ids.map((i) => `"${oneLine(i)}"`).join(', ')}; see the ids with stemma analyze --index ${dir}`,
      exitCodes.usage,
    );
  const missing = r.missing.length > 0 ? `; not found: ${r.missing.join(', ')}` : '';
  await print(
    ctx,
    opts.json
      ? json(r)
      : `${dir}: removed ${r.removed.length} page${r.removed.length === 1 ? '' : 's'}${missing}; generation ${r.generation}\n`,
  );
  return exitCodes.ok;
}

async function runPlain(
  raw: unknown,
  ctx: CliContext,
  work: (
    store: StoreModule,
    dir: string,
  ) => Promise<{ value: unknown; text: string; code?: ExitCode }>,
): Promise<ExitCode> {
  const opts = await parseOptions(plainOptions, raw);
  // The light entry point: no TF.js, so stats and verify answer at once.
  const store = await import('@stemma/core/store');
  const { value, text, code } = await work(store, opts.index);
  await print(ctx, opts.json ? json(value) : text);
  return code ?? exitCodes.ok;
}

/** Adds `stemma index add|remove|stats|verify|repair` to the program. */
export function registerIndex(
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void {
  const index = program
    .command('index')
    .summary('keep a corpus on disk: add, remove, stats, verify, repair')
    .description(
      'A corpus that lives in a folder (default ./.stemma): SQLite for pages, stories and paragraphs, ' +
        'an HNSW file for paragraph vectors. Pages already indexed are not read into it, segmented or embedded again. ' +
        'Ask it with `stemma query PAGE` or `stemma analyze --index DIR`.',
    );
  index.addHelpText(
    'after',
    `
Examples:
  $ stemma index add examples/                      index the example pages in ./.stemma
  $ stemma index add crawl/ --index news.idx        a named index
  $ stemma query page.html --index news.idx         where did it come from?
  $ stemma analyze --index news.idx --format md     the lineage of the stored corpus
  $ stemma index stats --index news.idx`,
  );

  const add = index
    .command('add')
    .summary('add pages to the index')
    .argument('<paths...>', 'files, folders, - for stdin, or http(s) URLs');
  addIndexFlags(add);
  addPipelineFlags(add)
    .option('-q, --quiet', 'no progress bar and no warnings on stderr')
    .option('--strict', 'treat every warning as a failure (exit code 3), nothing is stored');
  addInputFlags(add);
  add.action(async (paths: string[], raw: Record<string, unknown>) => {
    done(await runIndexAdd(paths, raw, ctx));
  });

  const remove = index
    .command('remove')
    .summary('remove pages by id (as `index stats --json` or a report names them)')
    .argument('<docIds...>', 'page ids');
  addEncoderFlags(
    addIndexFlags(remove),
    'the TF.js model the index was built with (as given to index add), for re-drawing the lineage left',
  ).action(async (ids: string[], raw: Record<string, unknown>) => {
    done(await runIndexRemove(ids, raw, ctx));
  });

  const stats = index.command('stats').summary('counts and sizes of the index');
  addIndexFlags(stats).action(async (raw: Record<string, unknown>) => {
    done(
      await runPlain(raw, ctx, async (store, dir) => {
        const s = await store.indexStats(dir);
        return {
          value: s,
          text:
            `${dir}: ${s.documents} pages, ${s.stories} stories, ${s.paragraphs} paragraphs ` +
            `(${s.distinctParagraphs} distinct, ${s.duplicateParagraphs} exact copies)\n` +
            `  lineage: ${s.relations} relations in ${s.components} components; ${s.oldVersions} superseded page versions kept\n` +
            `  generation ${s.generation}, schema ${s.schemaVersion}, encoder ${s.encoder?.name ?? 'none yet'}` +
            `${s.encoder ? ` (${s.encoder.dimensions} dimensions)` : ''}\n` +
            `  database ${mb(s.databaseBytes)}, vector files ${mb(s.vectorFileBytes)} in ${s.vectorFiles.length}\n`,
        };
      }),
    );
  });

  const verify = index
    .command('verify')
    .summary('check the database and that the vector file matches it (changes nothing)');
  addIndexFlags(verify).action(async (raw: Record<string, unknown>) => {
    done(
      await runPlain(raw, ctx, async (store, dir) => {
        const v = await store.indexVerify(dir);
        if (v.ok)
          return {
            value: v,
            text: `${dir}: ok (generation ${v.generation}, ${v.vectors} vectors, ${v.vectorFile})\n`,
          };
        return {
          value: v,
          code: exitCodes.state,
          text:
            `${dir}: ${v.problems.length} problem${v.problems.length === 1 ? '' : 's'}:\n` +
            v.problems.map((p) => `  ${oneLine(p)}\n`).join('') +
            `fix the vector file with: stemma index repair --index ${dir}\n`,
        };
      }),
    );
  });

  const repair = index.command('repair').summary('rebuild the vector file from the database');
  addIndexFlags(repair).action(async (raw: Record<string, unknown>) => {
    done(
      await runPlain(raw, ctx, async (store, dir) => {
        const r = await store.indexRepair(dir);
        return {
          value: r,
          text: `${dir}: vector file rebuilt from ${r.vectors} stored vectors; generation ${r.generation}\n`,
        };
      }),
    );
  });
}
