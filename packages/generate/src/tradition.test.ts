import { describe, expect, it } from 'vitest';
import { seededRandom } from '@stemma/core';
import { copyLine, DEFAULT_COPY_RATES, generateTradition, type Tradition } from './tradition.js';
import { loadWordNet } from './wordnet.js';

const words = (t: string) => t.split(/\s+/).filter(Boolean);

/** Share of word positions that differ, by word-level edit distance over the longer text. */
function divergence(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length]! / Math.max(x.length, y.length);
}

const body = (t: Tradition, id: string) =>
  t.nodes.find((n) => n.id === id)!.draft.paragraphs.join(' ');

describe('generateTradition', () => {
  it('is deterministic for a seed, and the date flag changes only the dates shown', () => {
    const a = generateTradition({ seed: 7 });
    const b = generateTradition({ seed: 7 });
    expect(JSON.stringify(a.witnesses)).toBe(JSON.stringify(b.witnesses));
    expect([...a.parent]).toEqual([...b.parent]);
    const undated = generateTradition({ seed: 7, dated: false });
    expect([...undated.parent]).toEqual([...a.parent]);
    expect(undated.witnesses.map((w) => w.date)).toEqual(a.witnesses.map(() => null));
    expect(generateTradition({ seed: 8 }).witnesses[0]!.text).not.toBe(a.witnesses[0]!.text);
  });

  it('draws a rooted tree whose every witness reaches the root, lost nodes only where they branch', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const t = generateTradition({ seed, copies: 10 });
      expect(t.nodes).toHaveLength(11);
      expect(t.parent.get(t.root)).toBeNull();
      expect([...t.parent.values()].filter((p) => p === null)).toHaveLength(1);
      for (const w of t.witnesses) {
        const seen = new Set<string>();
        let n = w.id;
        for (let p = t.parent.get(n); p != null; p = t.parent.get(n)) {
          expect(seen.has(p)).toBe(false);
          seen.add(p);
          n = p;
        }
        expect(n).toBe(t.root);
      }
      const extant = new Set(t.witnesses.map((w) => w.id));
      for (const node of t.nodes) {
        expect(extant.has(node.id)).toBe(node.extant);
        const kids = t.nodes.filter((c) => c.parent === node.id);
        if (!node.extant) expect(kids.length).toBeGreaterThanOrEqual(2);
        if (kids.length === 0) expect(node.extant).toBe(true);
        // Parents before children.
        if (node.parent !== null)
          expect(node.date > t.nodes.find((p) => p.id === node.parent)!.date).toBe(true);
      }
    }
  });

  it('loses some nodes across seeds, the root among them', () => {
    const ts = Array.from({ length: 20 }, (_, k) => generateTradition({ seed: 100 + k }));
    expect(ts.some((t) => t.nodes.some((n) => !n.extant && n.id !== t.root))).toBe(true);
    expect(ts.some((t) => !t.nodes[0]!.extant)).toBe(true);
    expect(ts.every((t) => t.nodes[0]!.extant || t.nodes[0]!.id === t.root)).toBe(true);
  });

  it('writes the date line only when dated', () => {
    const t = generateTradition({ seed: 3 });
    const w = t.witnesses[0]!;
    expect(w.text.split('\n')[2]).toMatch(/^[A-Z][a-z]+ \d{1,2}, \d{4}$/);
    const u = generateTradition({ seed: 3, dated: false }).witnesses[0]!;
    expect(u.text.split('\n')[2]).toBe('');
  });

  it('diverges from the parent in step with the rates', () => {
    const mean = (scale: number) => {
      const r = DEFAULT_COPY_RATES;
      const rates = {
        substitute: r.substitute * scale,
        omit: r.omit * scale,
        transpose: r.transpose * scale,
        add: r.add * scale,
      };
      let sum = 0;
      let n = 0;
      for (let seed = 1; seed <= 4; seed++) {
        const t = generateTradition({ seed, copies: 6, rates });
        for (const node of t.nodes) {
          if (node.parent === null) continue;
          sum += divergence(body(t, node.parent), body(t, node.id));
          n++;
        }
      }
      return sum / n;
    };
    const none = mean(0);
    const low = mean(1);
    const high = mean(4);
    expect(none).toBe(0);
    expect(low).toBeGreaterThan(0.01);
    expect(high).toBeGreaterThan(2 * low);
  });
});

describe('copyLine', () => {
  const wn = loadWordNet();
  it('changes nothing at zero rates and never empties a line', () => {
    const line = 'The river rose quickly overnight, officials said.';
    const zero = { substitute: 0, omit: 0, transpose: 0, add: 0 };
    expect(copyLine(line, seededRandom(1), zero, wn, ['word'])).toBe(line);
    const all = { substitute: 0, omit: 1, transpose: 0, add: 0 };
    expect(words(copyLine(line, seededRandom(1), all, wn, ['word']))).toHaveLength(1);
  });
  it('transposes words but keeps punctuation in place', () => {
    const swap = { substitute: 0, omit: 0, transpose: 1, add: 0 };
    expect(copyLine('alpha beta, gamma.', seededRandom(1), swap, wn, ['x'])).toBe(
      'beta alpha, gamma.',
    );
  });
});
