/**
 * A piscina worker of the align stage (pool.ts): judges chunks of candidate
 * pairs with {@link judgePair}. `workerData` holds every story the pairs name
 * as plain data, the encoder's vocabulary (the stories' share of unknown
 * words reads it) and the judging options; the stories are rebuilt once per
 * worker, with the same lazy features relate-input.ts gives the calling thread.
 *
 * Test hook: `STEMMA_TEST_FAIL_ALIGN=<id>` makes judging a pair that names a
 * story whose id contains `<id>` throw (set only by the pool's tests).
 */
import { workerData } from 'piscina';
import { judgePair, type PairJudgement } from './judge.js';
import type { PoolSetup } from './pool.js';
import { relateStories } from './relate-input.js';

const setup = workerData as PoolSetup;

let rank: Map<string, number> | null = null;
/** The encoder's word rank over its vocabulary, as the glove table builds it (first occurrence wins). */
const known =
  setup.vocabulary === null
    ? undefined
    : (word: string): number | undefined => {
        if (rank === null) {
          const words = setup.vocabulary!;
          rank = new Map();
          for (let r = words.length - 1; r >= 0; r--) rank.set(words[r]!, r);
        }
        return rank.get(word);
      };
const stories = relateStories(setup.stories, known);

/** Judges each pair of the chunk, in order. */
export default function judgeChunk(pairs: readonly (readonly [string, string])[]): PairJudgement[] {
  const fail = process.env['STEMMA_TEST_FAIL_ALIGN'];
  return pairs.map(([x, y]) => {
    if (fail && (x.includes(fail) || y.includes(fail)))
      throw new Error(`test hook STEMMA_TEST_FAIL_ALIGN: failing on ${x}/${y}`);
    const a = stories.get(x);
    const b = stories.get(y);
    if (!a || !b) throw new RangeError(`candidate pair ${x}/${y} names an unknown story`);
    return judgePair(a, b, setup.judging);
  });
}
