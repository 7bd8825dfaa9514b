import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { parseOptions } from './shared.js';

/** `stemma generate` options, after commander has read them. */
export const options = z.strictObject({
  out: z.string().min(1, 'must not be empty'),
  families: z.coerce.number().int().min(1).max(10000).default(10),
  seed: z.coerce.number().int().min(0).default(1),
  topics: z.array(z.string().min(1)).optional(),
  quiet: z.boolean().default(false),
});

/**
 * Writes synthetic families and their truth. One folder when every family has
 * its own original; otherwise batch-NN/ folders, each a corpus. Each corpus
 * folder holds documents only; its answer key is `<folder>.truth.json` beside it.
 * @throws CoreError INVALID_OPTION; CliError when the folder cannot be written.
 */
export async function runGenerate(raw: unknown, ctx: CliContext): Promise<ExitCode> {
  const opts = await parseOptions(options, raw);
  // Core first, as every command loads it (messages then go through its stripControl);
  // the generator lazily too, since it imports core's root.
  await loadCore();
  const generator = await import('@stemma/generate');
  let batches: ReturnType<typeof generator.generateCorpus>;
  try {
    batches = generator.generateCorpus({
      families: opts.families,
      seed: opts.seed,
      topics: opts.topics,
    });
  } catch (error) {
    throw new CliError(
      `cannot generate: ${error instanceof Error ? error.message : String(error)}`,
      exitCodes.usage,
      { cause: error },
    );
  }
  const root = resolve(opts.out);
  let files = 0;
  const truths: string[] = [];
  for (const [i, batch] of batches.entries()) {
    const dir = batches.length === 1 ? root : join(root, `batch-${String(i + 1).padStart(2, '0')}`);
    try {
      const written = generator.writeBatch(dir, batch);
      files += written.documents.length;
      truths.push(written.truth);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot write ${dir}: ${detail}`, exitCodes.output, { cause: error });
    }
  }
  if (!opts.quiet) {
    const where = batches.length === 1 ? opts.out : `${batches.length} folders under ${opts.out}`;
    const keys = truths.length === 1 ? truths[0]! : `${truths[0]!} … ${truths[truths.length - 1]!}`;
    ctx.stderr.write(
      `stemma: ${opts.families} families, ${files} files in ${where}; answer key${truths.length === 1 ? '' : 's'}: ${keys}\n`,
    );
  }
  return exitCodes.ok;
}

/** Adds `stemma generate` to the program; the action stores its exit code via `done`. */
export function registerGenerate(
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void {
  program
    .command('generate')
    .summary(
      'write synthetic lineage families, with their true tree beside the folder (<dir>.truth.json)',
    )
    .description(
      'Derives families from the bundled original articles: verbatim republication on an aggregator page, light edits, ' +
        'WordNet-spun copies, translation-like rewrites, paraphrase chains, independent decoys, and copies of a removed source. ' +
        'Same seed, same files.',
    )
    .requiredOption('-o, --out <dir>', 'folder to write (created if missing)')
    .option('-n, --families <n>', 'how many families', '10')
    .option('-s, --seed <n>', 'random seed', '1')
    .option(
      '-t, --topics <topic...>',
      'only originals of these topics (transport, health, environment, politics, business)',
    )
    .option('-q, --quiet', 'no summary line on stderr')
    .addHelpText(
      'after',
      `
The folder holds the documents only, so it can be analysed as it is; the true tree
(the answer key) is written beside it, as synth.truth.json for --out synth.
When there are more families than originals, each batch of families goes to its own
folder batch-NN/ (answer key batch-NN.truth.json beside it), so no original appears
twice in one corpus.

Examples:
  $ stemma generate --out synth                       10 families, one corpus
  $ stemma generate --out synth --families 200 --seed 7
  $ stemma analyze synth --format md`,
    )
    .action(async (raw: Record<string, unknown>) => {
      done(await runGenerate(raw, ctx));
    });
}
