import type { CorpusFields, IngestOptions } from '@stemma/core';
import { Option, type Command } from 'commander';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { loadCore } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes } from '../exit-codes.js';

/** Options every command that runs the pipeline takes (`stemma analyze`, `stemma tui`). */
export const pipelineOptions = {
  backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
  model: z.string().min(1, 'must not be empty').optional(),
  cacheDir: z.string().min(1, 'must not be empty').optional(),
  docTimeout: z.coerce
    .number({ message: 'must be a number of seconds' })
    .finite('must be a number of seconds')
    .positive('must be positive')
    .optional(),
};

/** The core options the pipeline flags ask for (--doc-timeout in seconds becomes milliseconds). */
export function toPipelineOptions(opts: {
  readonly backend?: 'tensorflow' | 'wasm' | 'cpu' | undefined;
  readonly model?: string | undefined;
  readonly cacheDir?: string | undefined;
  readonly docTimeout?: number | undefined;
}): {
  backend?: 'tensorflow' | 'wasm' | 'cpu';
  model?: string;
  cacheDir?: string;
  docTimeoutMs?: number;
} {
  return {
    ...(opts.backend !== undefined ? { backend: opts.backend } : {}),
    ...(opts.model !== undefined ? { model: opts.model } : {}),
    ...(opts.cacheDir !== undefined ? { cacheDir: opts.cacheDir } : {}),
    ...(opts.docTimeout !== undefined ? { docTimeoutMs: Math.ceil(opts.docTimeout * 1000) } : {}),
  };
}

/** Adds the flags of {@link pipelineOptions} (--backend, --model, --cache-dir, --doc-timeout) to a command. */
export function addPipelineFlags(command: Command): Command {
  return addEncoderFlags(
    command,
    'TF.js model (folder, file:// or http(s):// URL of model.json) instead of the default encoder',
  ).option(
    '--doc-timeout <seconds>',
    'time allowed to read, segment or embed one document; one that overruns is skipped with a warning (default 30)',
  );
}

/** --backend, --model (described as `model`) and --cache-dir: what building an encoder reads. */
export function addEncoderFlags(command: Command, model: string): Command {
  return command
    .addOption(
      new Option('--backend <backend>', 'TF.js backend to prefer').choices(
        pipelineOptions.backend.unwrap().options,
      ),
    )
    .option('--model <pathOrUrl>', model)
    .option(
      '--cache-dir <dir>',
      'folder for the converted word-vector cache (default: $STEMMA_CACHE_DIR or ~/.cache/stemma)',
    );
}

const flagNames: Record<string, string> = {
  cacheDir: '--cache-dir',
  docTimeout: '--doc-timeout',
  maxBytes: '--max-bytes',
  maxChars: '--max-chars',
  includeText: '--include-text',
  fieldId: '--field-id',
  fieldText: '--field-text',
  fieldHtml: '--field-html',
  fieldUrl: '--field-url',
  fieldTitle: '--field-title',
  fieldPublished: '--field-published',
  fieldPublisher: '--field-publisher',
};

/**
 * Parses commander's option values with a command's zod schema.
 * @throws CoreError INVALID_OPTION naming the flag and the problem.
 */
export async function parseOptions<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const { CoreError } = await loadCore();
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? 'options');
  throw new CoreError(
    'INVALID_OPTION',
    flagNames[key] ?? `--${key}`,
    issue?.message ?? 'invalid value',
  );
}

/** Flags that say how inputs are read (`stemma analyze`). */
export const inputOptions = {
  include: z.array(z.string().min(1, 'must not be empty')).optional(),
  exclude: z.array(z.string().min(1, 'must not be empty')).optional(),
  maxBytes: z.string().min(1, 'must not be empty').optional(),
  maxChars: z.coerce
    .number()
    .int('must be a whole number of characters')
    .positive('must be positive')
    .optional(),
  timeout: z.coerce
    .number()
    .int('must be a whole number of milliseconds')
    .positive('must be positive')
    .optional(),
  fieldId: z.string().min(1, 'must not be empty').optional(),
  fieldText: z.string().min(1, 'must not be empty').optional(),
  fieldHtml: z.string().min(1, 'must not be empty').optional(),
  fieldUrl: z.string().min(1, 'must not be empty').optional(),
  fieldTitle: z.string().min(1, 'must not be empty').optional(),
  fieldPublished: z.string().min(1, 'must not be empty').optional(),
  fieldPublisher: z.string().min(1, 'must not be empty').optional(),
};

const collect = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  value,
];

/** Adds the input flags of {@link inputOptions} to a command. */
export function addInputFlags(command: Command): Command {
  command
    .option(
      '--include <glob>',
      'in folders, read only files matching this glob (repeatable; "*.html", "2024/**/*.txt")',
      collect,
    )
    .option(
      '--exclude <glob>',
      'in folders, skip files and folders matching this glob (repeatable)',
      collect,
    )
    .option(
      '--max-bytes <size>',
      'largest single document: file, JSONL line, WARC record, download, stdin (default 50MB)',
    )
    .option(
      '--max-chars <n>',
      "characters of one document's text analysed; the rest is left out with a warning (default 2000000)",
    )
    .option('--timeout <ms>', 'time allowed per URL download, in milliseconds (default 30000)');
  for (const field of ['id', 'text', 'html', 'url', 'title', 'published', 'publisher'] as const) {
    command.option(
      `--field-${field} <name>`,
      `JSON/JSONL field holding the ${field} (default "${field}"; dots reach into objects)`,
    );
  }
  return command;
}

/**
 * The ingest options the input flags ask for.
 * @throws CoreError INVALID_OPTION for a --max-bytes that is not a size.
 */
export async function toIngestOptions(
  opts: { [K in keyof typeof inputOptions]?: z.infer<(typeof inputOptions)[K]> },
  ctx: CliContext,
): Promise<Omit<IngestOptions, 'onWarning'>> {
  const { CoreError, parseBytes } = await loadCore();
  let maxBytes: number | undefined;
  if (opts.maxBytes !== undefined) {
    try {
      maxBytes = parseBytes(opts.maxBytes);
    } catch (error) {
      throw new CoreError(
        'INVALID_OPTION',
        '--max-bytes',
        error instanceof Error ? error.message : String(error),
      );
    }
  }
  const fields = Object.fromEntries(
    (['id', 'text', 'html', 'url', 'title', 'published', 'publisher'] as const)
      .map(
        (f) => [f, opts[`field${f[0]!.toUpperCase()}${f.slice(1)}` as keyof typeof opts]] as const,
      )
      .filter(([, v]) => typeof v === 'string'),
  ) as CorpusFields;
  return {
    ...(opts.include ? { include: opts.include } : {}),
    ...(opts.exclude ? { exclude: opts.exclude } : {}),
    ...(maxBytes !== undefined ? { maxBytes } : {}),
    ...(opts.maxChars !== undefined ? { maxChars: opts.maxChars } : {}),
    ...(opts.timeout !== undefined ? { timeoutMs: opts.timeout } : {}),
    fields,
    stdin: ctx.stdin,
  };
}

/**
 * The corpus of `analyze` and `tui`: the paths given, or the index named by
 * --index, never both and never neither.
 * @throws {CliError} usage (exit 2) naming the fix.
 */
export function checkPathsOrIndex(paths: readonly string[], index: string | undefined): void {
  if (index !== undefined && paths.length > 0)
    throw new CliError(
      `give paths or --index ${index}, not both (add the paths with: stemma index add <paths…> --index ${index})`,
      exitCodes.usage,
    );
  if (index === undefined && paths.length === 0)
    throw new CliError("missing required argument 'paths'", exitCodes.usage);
}
