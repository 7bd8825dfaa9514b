/**
 * `npm run fuzz -- --seconds 600 [--seed S] [--budget-ms MS]`: the fuzzer
 * for as long as asked, printing cases per second; exits 1 on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFuzz } from './fuzz.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    'budget-ms': { type: 'string', default: '30000' },
    cases: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), 'stemma-fuzz-'));
try {
  const seed = Number(values.seed);
  console.log(`stemma fuzz: seed ${seed}, ${values.seconds} s`);
  const r = await runFuzz({
    seed,
    ...(values.cases ? { cases: Number(values.cases) } : { seconds: Number(values.seconds) }),
    ...(values.verbose
      ? { onCase: (n: number, how: string) => console.log(`case ${n}: ${how}`) }
      : {}),
    budgetMs: Number(values['budget-ms']),
    dir,
    onProgress: (n, rate) => console.log(`${n} cases, ${rate.toFixed(1)} cases/s`),
  });
  console.log(
    `${r.cases} cases in ${r.seconds.toFixed(1)} s (${(r.cases / r.seconds).toFixed(1)} cases/s), slowest ${Math.round(r.slowestMs)} ms, ${r.failures.length} failures`,
  );
  for (const f of r.failures) console.log(`FAIL ${f}`);
  process.exitCode = r.failures.length > 0 ? 1 : 0;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
