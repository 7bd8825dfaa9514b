/**
 * `npm run bench -- hostile`: each hostile input of issue 9 at ×1, ×10 and
 * ×100 of its base size, run in a child process (hostile-child.ts), printing
 * time and peak RSS per size and how much faster than the input time grew.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HOSTILE_CASES } from './hostile-inputs.js';

interface Options {
  readonly scales: readonly number[];
  /** Only the cases whose name contains this. */
  readonly only?: string;
  /** Seconds before a run is stopped and reported as over time. */
  readonly limitSeconds: number;
  readonly print: (line: string) => void;
}

interface Row {
  readonly ms: number | undefined;
  readonly rss: number | undefined;
  readonly note: string;
}

const child = new URL('./hostile-child.js', import.meta.url).pathname;

/** Runs one case at one scale in a child process. */
function runOnce(paths: string[], maxBytes: number | undefined, limitSeconds: number): Row {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [child, ...(maxBytes ? ['--max-bytes', String(maxBytes)] : []), ...paths],
    { encoding: 'utf8', timeout: limitSeconds * 1000, maxBuffer: 64 << 20 },
  );
  const wall = performance.now() - t0;
  if (r.error || r.status !== 0) {
    const why = r.signal
      ? `over ${limitSeconds} s`
      : (r.stderr.trim().split('\n').pop() ?? 'failed');
    return { ms: r.signal ? undefined : wall, rss: undefined, note: why.slice(0, 90) };
  }
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as {
    documents: number;
    stories: number;
    warnings: string[];
    maxRss: number;
  };
  const warn = out.warnings[0]
    ? `; ${out.warnings.length} warning(s): ${out.warnings[0].slice(0, 60)}`
    : '';
  return {
    ms: wall,
    rss: out.maxRss,
    note: `${out.documents} docs, ${out.stories} stories${warn}`,
  };
}

/** Prints the table: case, size, time, peak RSS, growth of time over growth of input. */
export function runHostileBench(opts: Options): boolean {
  const { print } = opts;
  let ok = true;
  print(
    `${'case'.padEnd(24)} ${'size'.padStart(16)} ${'time'.padStart(9)} ${'peak RSS'.padStart(9)}  growth  note`,
  );
  for (const c of HOSTILE_CASES) {
    if (opts.only && !c.name.includes(opts.only)) continue;
    let prev: { scale: number; ms: number } | undefined;
    for (const scale of opts.scales) {
      const dir = mkdtempSync(join(tmpdir(), 'stemma-hostile-'));
      try {
        const paths = c.write(dir, scale);
        const row = runOnce(paths, c.maxBytes, opts.limitSeconds);
        // Time over input, relative to the previous size: 1.0 is linear.
        const growth =
          prev && row.ms !== undefined ? row.ms / prev.ms / (scale / prev.scale) : undefined;
        if (row.ms === undefined || (row.rss ?? 0) > 2 ** 30) ok = false;
        print(
          `${c.name.padEnd(24)} ${`${(c.base * scale).toLocaleString('en')} ${c.unit}`.padStart(16)} ${
            row.ms === undefined ? '—'.padStart(9) : `${(row.ms / 1000).toFixed(2)} s`.padStart(9)
          } ${row.rss === undefined ? '—'.padStart(9) : `${Math.round(row.rss / 2 ** 20)} MiB`.padStart(9)}  ${
            growth === undefined ? '     ' : growth.toFixed(2).padStart(5)
          }   ${row.note}`,
        );
        if (row.ms !== undefined) prev = { scale, ms: row.ms };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  return ok;
}
