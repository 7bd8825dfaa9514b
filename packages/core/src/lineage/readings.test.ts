import { describe, expect, it } from 'vitest';
import { collationWords, readingTree, type ReadingWitness } from './readings.js';

const BASE = Array.from({ length: 80 }, (_, k) => `word${k}`);

/** The base text with the words at `at` replaced by readings of its own. */
function copy(from: readonly string[], tag: string, at: readonly number[]): string[] {
  return from.map((w, k) => (at.includes(k) ? `${tag}${k}` : w));
}

function witness(id: string, words: readonly string[], day: number | null): ReadingWitness {
  return { id, words, date: day === null ? Number.POSITIVE_INFINITY : day };
}

/** Parent witness (or "lost") of each witness. */
function parents(ws: readonly ReadingWitness[]): Map<string, string | null> {
  const tree = readingTree(ws)!;
  const name = (k: number) => (k < 0 ? null : (tree.nodes[k]!.witness ?? 'lost'));
  return new Map(tree.nodes.map((n, k) => [n.witness ?? `lost:${k}`, name(tree.parent[k]!)]));
}

describe('readingTree', () => {
  it('hangs copies made independently from one source under it as a star, not a chain', () => {
    const s = witness('s', BASE, 1);
    const a = witness('a', copy(BASE, 'a', [3, 10, 20, 33]), 2);
    const b = witness('b', copy(BASE, 'b', [30, 40, 50, 61]), 3);
    const c = witness('c', copy(BASE, 'c', [5, 15, 25, 70]), 4);
    const p = parents([a, b, c, s]);
    expect(p.get('s')).toBeNull();
    expect([p.get('a'), p.get('b'), p.get('c')]).toEqual(['s', 's', 's']);
  });

  it('puts two copies sharing readings no other text has under a lost exemplar', () => {
    const lost = copy(BASE, 'x', [7, 17, 27, 37, 47]);
    const s = witness('s', BASE, null);
    const a = witness('a', copy(BASE, 'a', [3, 10, 20, 60, 66]), null);
    const d = witness('d', copy(lost, 'd', [44, 54, 64, 74]), null);
    const e = witness('e', copy(lost, 'e', [12, 22, 32, 42]), null);
    const p = parents([s, a, d, e]);
    const lostKey = [...p.keys()].find((k) => k.startsWith('lost:'))!;
    expect(p.get('d')).toBe('lost');
    expect(p.get('e')).toBe('lost');
    expect(p.get('a')).toBe('s');
    expect(p.get(lostKey)).toBe('s');
  });

  it('roots an undated tree where the copies bring in the rarer words of their swaps', () => {
    // A chain s → c → d → e and a copy a of s, every copy swapping three words for rarer ones.
    const c0 = copy(BASE, 'c', [3, 13, 23]);
    const d0 = copy(c0, 'd', [33, 43, 53]);
    const ws = [
      witness('a', copy(BASE, 'a', [5, 15, 25]), null),
      witness('c', c0, null),
      witness('d', d0, null),
      witness('e', copy(d0, 'e', [63, 68, 73]), null),
      witness('s', BASE, null),
    ];
    const rank = (w: string) => (w.startsWith('word') ? 10 : 5000);
    const rooted = (t: ReturnType<typeof readingTree>) =>
      t!.nodes[t!.parent.findIndex((p) => p === -1)]!.witness;
    // Without ranks the midpoint (c: its farthest witnesses are two copies away).
    expect(rooted(readingTree(ws))).toBe('c');
    const tree = readingTree(ws, undefined, { rank });
    expect(rooted(tree)).toBe('s');
    const parentOf = (id: string) => {
      const k = tree!.nodes.findIndex((n) => n.witness === id);
      return tree!.nodes[tree!.parent[k]!]?.witness;
    };
    expect(['a', 'c', 'd', 'e'].map(parentOf)).toEqual(['s', 's', 'c', 'd']);
  });

  it('declines a family that is not all near-copies', () => {
    const other = Array.from({ length: 80 }, (_, k) => `other${k}`);
    const ws = [witness('s', BASE, 1), witness('a', BASE, 2), witness('o', other, 3)];
    expect(readingTree(ws)).toBeNull();
  });

  it('reads words without case or punctuation', () => {
    expect(collationWords('The cat, "sat" — here.')).toEqual(['the', 'cat', 'sat', 'here']);
  });
});
