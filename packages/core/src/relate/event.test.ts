import { describe, expect, it } from 'vitest';
import { EventIndex, SPARSE_ABOVE, type EventStory } from './event.js';

/** A content farm: every page the same words but its own number. */
const farm = (n: number): EventStory[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    words: new Set(['cheap', 'tickets', 'match', 'offer', 'club', String(i), `n${i % 97}`]),
  }));

describe('EventIndex.candidates past SPARSE_ABOVE stories (inverted index of rare words)', () => {
  it('pairs the stories that share rare words, each pair once, and not the whole farm', () => {
    const stories = farm(SPARSE_ABOVE + 904);
    // Two reports of one event, with rare words of their own.
    stories.push(
      { id: 'e1', words: new Set(['quake', 'kobe', 'magnitude', 'tickets']) },
      { id: 'e2', words: new Set(['quake', 'kobe', 'aftershock', 'match']) },
    );
    const index = new EventIndex(stories);
    const t0 = performance.now();
    const pairs = index.candidates(stories);
    expect(performance.now() - t0).toBeLessThan(20_000);
    expect(pairs).toContainEqual(['e1', 'e2']);
    const keys = pairs.map(([a, b]) => `${a}:${b}`);
    expect(new Set(keys).size).toBe(keys.length);
    // Shared `n<i % 97>` words (df ≈ 52) pair pages; common words (df = n) do not.
    expect(pairs.length).toBeLessThanOrEqual(40 * stories.length);
    expect(pairs.some(([a, b]) => a === 's0' && b === 's97')).toBe(true);
    expect(pairs.some(([a, b]) => a === 's0' && b === 's1')).toBe(false);
  });
});
