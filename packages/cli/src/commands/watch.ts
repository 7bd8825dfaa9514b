import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { IndexSession, IndexSessionAddResult, QueryMatch } from '@stemma/core';
import { z } from 'zod';
import type { CliContext } from '../context.js';
import { isCoreError, loadCore, oneLine } from '../core.js';
import { CliError } from '../errors.js';
import { exitCodes, type ExitCode } from '../exit-codes.js';
import { createProgress } from '../progress.js';
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

/**
 * One line of `stemma watch`'s stdout: a relation between a page just added
 * and a stored story, printed when it is new or its kind or probability
 * changed since this watch printed it. One JSON object per line.
 */
export interface WatchRelationLine {
  readonly type: 'relation';
  /** The story derived from (`<docId>#<n>`). */
  readonly parent: string;
  /** The story deriving from it. */
  readonly child: string;
  readonly kind: QueryMatch['kind'];
  /** The relation's confidence: P(derived) × P(direction), as in a report. */
  readonly probability: number;
  /** Which end the stored story is, seen from the page added: its `parent` or its `child`. */
  readonly direction: QueryMatch['direction'];
  /** The id of the page added, as the index stores it. */
  readonly doc: string;
  /** The file it was read from. */
  readonly path: string;
  /** The stored page at the other end, and its file. */
  readonly otherDoc: string;
  readonly otherPath: string;
  /** When the line was written (ISO 8601, UTC). */
  readonly at: string;
}

export const options = z.strictObject({
  index: indexOption,
  quiet: z.boolean().default(false),
  once: z.boolean().default(false),
  candidates: candidatesOption,
  ...pipelineOptions,
  ...inputOptions,
});

/** How long a file must stop growing before it is read, and how often it is checked. */
const WRITE_FINISH = { stabilityThreshold: 400, pollInterval: 100 };
/** Files landing within this many milliseconds of each other are added as one generation. */
const BATCH_MS = 200;

/** The lines for one addition: relations not printed before, or changed since. */
export function relationLines(
  result: IndexSessionAddResult,
  printed: Map<string, string>,
  at: string,
): WatchRelationLine[] {
  const lines: WatchRelationLine[] = [];
  for (const page of result.pages)
    for (const m of [...page.parents, ...page.children]) {
      const [parent, child] =
        m.direction === 'parent' ? [m.story, m.queryStory] : [m.queryStory, m.story];
      const key = `${parent}\u0000${child}`;
      const value = `${m.kind} ${m.confidence}`;
      if (printed.get(key) === value) continue;
      printed.set(key, value);
      lines.push({
        type: 'relation',
        parent,
        child,
        kind: m.kind,
        probability: m.confidence,
        direction: m.direction,
        doc: page.id,
        path: page.path,
        otherDoc: m.docId,
        otherPath: m.path,
        at,
      });
    }
  return lines;
}

/**
 * `stemma watch DIR`: adds what DIR holds that the index does not, then each
 * supported file that lands in it or changes, and prints the relations of
 * every page added as JSON lines. Holds the index's write lock until SIGINT
 * or SIGTERM (or, with --once, until the first pass is done).
 */
export async function runWatch(dir: string, raw: unknown, ctx: CliContext): Promise<ExitCode> {
  const opts = await parseOptions(options, raw);
  const info = await stat(dir).catch(() => null);
  if (info === null || !info.isDirectory())
    throw new CliError(
      `${oneLine(dir)}: not a folder; stemma watch takes a folder`,
      exitCodes.usage,
    );
  // A signal from here on ends the watch cleanly: the addition under way is
  // finished (the index ends on a whole generation), then the lock is released.
  let stopping = false;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((done) => {
    stop = () => {
      stopping = true;
      done();
    };
  });
  const onSignal = () => stop();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const unlisten = () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  };
  try {
    const core = await loadCore();
    const input = await toIngestOptions(opts, ctx);
    const progress = createProgress({ stream: ctx.stderr, bar: false, warnings: !opts.quiet });
    const say = (text: string) => {
      if (!opts.quiet) ctx.stderr.write(`stemma watch: ${text}\n`);
    };
    const session = await core.openIndexSession(opts.index, {
      backend: opts.backend,
      model: opts.model,
      cacheDir: opts.cacheDir,
      input,
      onEvent: progress.onEvent,
      ...(opts.candidates === undefined ? {} : { candidates: opts.candidates }),
    });
    if (stopping) {
      await session.close();
      return exitCodes.ok;
    }
    const printed = new Map<string, string>();
    let fatal: unknown = null;

    /** Adds `paths`; a failure to read them is a warning, a damaged index ends the watch. */
    const add = async (paths: readonly string[]): Promise<number> => {
      let result: IndexSessionAddResult;
      try {
        result = await session.add(paths);
      } catch (error) {
        // Nothing readable: ingest has said why on stderr already.
        if (isCoreError(error) && error.code === 'NO_DOCUMENTS') return 0;
        if (isCoreError(error) && !error.code.startsWith('INDEX_')) {
          progress.onEvent({ type: 'warning', message: error.message });
          return 0;
        }
        fatal = error;
        stop();
        return 0;
      }
      const lines = relationLines(result, printed, new Date().toISOString());
      if (lines.length > 0)
        try {
          await writeAll(ctx.stdout, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
        } catch (error) {
          fatal = error;
          stop();
        }
      for (const page of result.pages) {
        const n = page.parents.length + page.children.length;
        say(`added ${page.id} (${oneLine(page.path)}): ${n} relation${n === 1 ? '' : 's'}`);
      }
      return result.added.length;
    };

    if (opts.once) {
      try {
        const n = await add([dir]);
        say(`${n} page${n === 1 ? '' : 's'} added; generation ${await generation(session)}`);
      } finally {
        await session.close();
        unlisten();
      }
      if (fatal !== null) throw fatal;
      return exitCodes.ok;
    }

    const { watch } = await import('chokidar');
    const indexDir = path.resolve(opts.index);
    const watcher = watch(dir, {
      ignoreInitial: true,
      awaitWriteFinish: WRITE_FINISH,
      ignored: (file, stats) => {
        const full = path.resolve(file);
        if (full === indexDir || full.startsWith(`${indexDir}${path.sep}`)) return true;
        if (full !== path.resolve(dir) && path.basename(full).startsWith('.')) return true;
        return stats?.isFile() === true && core.inputKindOf(full) === null;
      },
    });
    const ready = new Promise<void>((done) => watcher.once('ready', () => done()));
    let pending = new Set<string>();
    let timer: NodeJS.Timeout | undefined;
    let work: Promise<unknown> = Promise.resolve();
    const flush = () => {
      const batch = [...pending].sort();
      pending = new Set();
      if (batch.length > 0) work = work.then(() => add(batch));
    };
    const land = (file: string) => {
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(flush, BATCH_MS);
    };
    watcher.on('add', land).on('change', land);
    watcher.on('error', (error) =>
      progress.onEvent({
        type: 'warning',
        message: `watching ${dir}: ${error instanceof Error ? error.message : String(error)}`,
      }),
    );
    try {
      // A signal while the model loads ends the watch there.
      await Promise.race([Promise.all([session.warm(), ready]), stopped]);
      const n = stopping ? 0 : await add([dir]);
      if (fatal === null && !stopping)
        say(
          `${n} page${n === 1 ? '' : 's'} added at start; watching ${oneLine(dir)} ` +
            `(index ${oneLine(opts.index)}, generation ${await generation(session)}); ready`,
        );
      await stopped;
    } finally {
      unlisten();
      clearTimeout(timer);
      await watcher.close();
      // Files already queued are finished, so the index ends on a whole generation.
      await work;
      await session.close();
      progress.stop();
    }
    if (fatal !== null) throw fatal;
    say('stopped');
    return exitCodes.ok;
  } finally {
    unlisten();
  }
}

/** The generation the index is at, read without a lock (the watch holds it). */
async function generation(session: IndexSession): Promise<number> {
  const { indexStats } = await import('@stemma/core/store');
  return (await indexStats(session.dir)).generation;
}

/** Adds `stemma watch` to the program. */
export function registerWatch(
  program: Command,
  ctx: CliContext,
  done: (code: number) => void,
): void {
  const command = program
    .command('watch')
    .summary('add pages to an index as they land in a folder; print their relations as JSON lines')
    .description(
      'Adds what DIR holds that the index does not (as `stemma index add`), then watches DIR and its ' +
        'subfolders: each supported file that lands or changes, once written in full, is added (a changed ' +
        'file as a new page), and the relations of each page added (as `stemma query --add` finds them) ' +
        'are printed on stdout, one JSON object per line. Holds the index write lock until SIGINT or SIGTERM.',
    )
    .argument('<dir>', 'the folder to watch')
    .option('--index <dir>', `the index folder (default ${DEFAULT_INDEX})`)
    .option('-q, --quiet', 'nothing on stderr but errors: no progress lines, no warnings')
    .option('--once', 'add what DIR holds, print the relations, and exit (no watching)')
    .option(
      '--candidates <n>',
      'stored pages related to each page added, most shared paragraphs first (default 20)',
    );
  addPipelineFlags(command);
  addInputFlags(command);
  command
    .addHelpText(
      'after',
      `
Examples:
  $ stemma watch inbox/ --index news.idx            until Ctrl-C
  $ stemma watch inbox/ --index news.idx --once     from cron: add what is new, then exit`,
    )
    .action(async (dir: string, raw: Record<string, unknown>) => {
      done(await runWatch(dir, raw, ctx));
    });
}
