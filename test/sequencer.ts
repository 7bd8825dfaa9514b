/**
 * Test order for `npm test`: the files that take longest start first, so the
 * two forks finish together instead of one running a long end-to-end file
 * alone at the end. vitest orders by the durations it cached from the last
 * run on this machine, and a fresh clone has none: there it ran the files
 * it does not know in discovery order, and the long ones started late
 * (test/index-generated.test.ts at 510 s of a 572 s run). Files this list
 * names run first, in its order; the rest follow in vitest's own order.
 *
 * The list is the slowest files of a whole run, longest first, as measured
 * with `npx vitest run --reporter=json --outputFile.json=/tmp/vt.json` (a
 * file missing from it only runs later; re-measure when files change much).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export const SLOW_FILES: readonly string[] = [
  'test/index-lineage.test.ts',
  'test/relate-pool.test.ts',
  'test/cli-analyze.test.ts',
  'test/relate-groups-pool.test.ts',
  'test/index-crash.test.ts',
  'test/safety.test.ts',
  'test/cli-inputs.test.ts',
  'test/index.test.ts',
  'test/index-cli-query.test.ts',
  'test/tui-report.test.ts',
  'test/cli-generate.test.ts',
  'test/cli.test.ts',
  'test/packed-install.test.ts',
  'test/inputs.test.ts',
  'test/index-errors.test.ts',
  'packages/core/src/ingest/read-budget.test.ts',
  'test/html-report.test.ts',
  'test/index-query.test.ts',
  'packages/tui/src/browse.test.tsx',
];

export class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const i = SLOW_FILES.findIndex((f) => spec.moduleId.endsWith(`/${f}`));
      return i < 0 ? SLOW_FILES.length : i;
    };
    // Array.prototype.sort is stable: unlisted files keep vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
