import { describe, expect, it } from 'vitest';
import { findQuotations, isStopword, seededRandom, withoutQuotations } from '@stemma/core';
import { loadSeedArticles } from './article.js';
import { measureOverlap } from './measure.js';
import { generateCorpus } from './corpus.js';
import { generateFamily } from './family.js';
import { protectedWords, spinCandidates, spinDraft } from './spin.js';
import { splitSentences } from './text.js';
import { respell, respellTable } from './translate.js';
import type { Family, FamilySpec } from './types.js';
import { loadWordNet } from './wordnet.js';

const seeds = loadSeedArticles();
const full: FamilySpec = {
  id: 'f001',
  verbatim: 2,
  edited: 2,
  spun: 1,
  translated: 1,
  paraphraseDepth: 3,
  decoys: 2,
  hiddenSource: false,
  chainProbability: 0.5,
};
const hiddenSpec: FamilySpec = {
  ...full,
  id: 'f002',
  verbatim: 0,
  paraphraseDepth: 0,
  hiddenSource: true,
};

const quotes = (paragraphs: readonly string[]): string[] =>
  paragraphs.flatMap((p) => findQuotations(p).map((q) => q.text));
const story = (f: Family, role: string) => f.stories.filter((s) => s.role === role);

describe('seed articles', () => {
  it('has at least five topics with two originals each, in the wire layout', () => {
    const topics = new Map<string, number>();
    for (const s of seeds) topics.set(s.event.topic, (topics.get(s.event.topic) ?? 0) + 1);
    expect(topics.size).toBeGreaterThanOrEqual(5);
    for (const n of topics.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const s of seeds) {
      const words = s.paragraphs.join(' ').split(/\s+/).length;
      expect(words).toBeGreaterThan(400);
      expect(s.paragraphs[0]).toMatch(
        new RegExp(`^[A-Z ]+, ${s.event.country} \\(${s.event.agency}\\) — `),
      );
      expect(quotes(s.paragraphs).length).toBeGreaterThanOrEqual(4);
      // Public quotations stand in the article word for word.
      for (const q of s.event.quotes) expect(quotes(s.paragraphs)).toContain(q.text);
    }
  });
});

describe('generateFamily', () => {
  const a = generateFamily(seeds[0]!, full, seededRandom(42));

  it('gives the same family for the same seed, byte for byte', () => {
    const b = generateFamily(seeds[0]!, full, seededRandom(42));
    expect(b).toEqual(a);
    expect(JSON.stringify(b.documents)).toBe(JSON.stringify(a.documents));
  });

  it('gives another family for another seed', () => {
    const c = generateFamily(seeds[0]!, full, seededRandom(43));
    expect(JSON.stringify(c.documents)).not.toBe(JSON.stringify(a.documents));
  });

  it('has every requested transformation, as many as asked', () => {
    const count = (role: string) => story(a, role).length;
    expect([count('original'), count('verbatim'), count('edited'), count('spun')]).toEqual([
      1, 2, 2, 1,
    ]);
    expect([count('translated'), count('paraphrase'), count('decoy')]).toEqual([1, 3, 2]);
    expect(count('filler')).toBeGreaterThanOrEqual(1);
  });

  it('embeds the first verbatim copy in an aggregator page with other stories and boilerplate', () => {
    const page = a.documents.find((d) => d.stories.length > 1)!;
    expect(page.format).toBe('html');
    expect(page.content).toMatch(/Share:/);
    expect(page.content).toMatch(/<h3>Related<\/h3>/);
    expect(page.content).toMatch(/<nav/);
    const original = story(a, 'original')[0]!;
    for (const p of original.paragraphs)
      expect(page.content).toContain(p.replace(/&/g, '&amp;').replace(/"/g, '&quot;'));
  });

  it('keeps a consistent true tree: one parent per child, dates increasing, roots without parents', () => {
    for (const f of [a, generateFamily(seeds[3]!, hiddenSpec, seededRandom(7))]) {
      const ids = new Set(f.stories.map((s) => s.id));
      const date = new Map(f.stories.map((s) => [s.id, s.date]));
      const children = f.relations.map((r) => r.child);
      expect(new Set(children).size).toBe(children.length);
      for (const r of f.relations) {
        expect(ids.has(r.child)).toBe(true);
        expect(ids.has(r.parent) || f.hidden.some((h) => h.id === r.parent)).toBe(true);
        if (ids.has(r.parent)) expect(date.get(r.child)! > date.get(r.parent)!).toBe(true);
      }
      for (const root of f.roots) expect(children).not.toContain(root);
      // Every story is a root or a child.
      for (const id of ids) expect(f.roots.includes(id) || children.includes(id)).toBe(true);
    }
  });

  it('chains paraphrases to depth 3', () => {
    const para = new Set(story(a, 'paraphrase').map((s) => s.id));
    const chained = a.relations.filter((r) => r.kind === 'paraphrase' && para.has(r.parent));
    expect(chained.length).toBe(2);
  });

  it('keeps every quotation of a paraphrase exactly as the original has it', () => {
    const original = new Set(quotes(story(a, 'original')[0]!.paragraphs));
    for (const p of story(a, 'paraphrase')) {
      const qs = quotes(p.paragraphs);
      expect(qs.length).toBeGreaterThan(0);
      for (const q of qs) expect(original.has(q)).toBe(true);
    }
  });

  it('writes decoys that share a quotation but no sentence outside quotations with the original', () => {
    const o = story(a, 'original')[0]!;
    const originalSentences = new Set(
      o.paragraphs.flatMap((p) => splitSentences(withoutQuotations(p)).map((s) => s.trim())),
    );
    const originalQuotes = new Set(quotes(o.paragraphs));
    for (const d of story(a, 'decoy')) {
      expect(quotes(d.paragraphs).some((q) => originalQuotes.has(q))).toBe(true);
      for (const p of d.paragraphs) {
        for (const s of splitSentences(withoutQuotations(p))) {
          if (s.trim().split(/\s+/).length >= 4)
            expect(originalSentences.has(s.trim())).toBe(false);
        }
      }
      expect(a.independent.some(([x, y]) => x === o.id && y === d.id)).toBe(true);
    }
  });

  it('respells names in the translation-like copy', () => {
    const t = story(a, 'translated')[0]!.paragraphs.join('\n');
    const table = respellTable(seeds[0]!.event.names);
    expect(table.size).toBeGreaterThan(0);
    for (const [from, to] of table) {
      if (from === from.toUpperCase()) continue;
      expect(t).not.toMatch(new RegExp(`\\b${from}\\b`));
      if (t.includes(to)) return;
    }
    expect.unreachable('no respelled name in the translated copy');
  });

  it('removes the source of a hidden family; each sibling cuts a paragraph the others keep', () => {
    const f = generateFamily(seeds[3]!, hiddenSpec, seededRandom(7));
    expect(story(f, 'original')).toHaveLength(0);
    expect(f.hidden).toHaveLength(1);
    const siblings = f.hidden[0]!.children.map((c) => f.stories.find((s) => s.id === c)!);
    expect(siblings.length).toBe(4);
    const n = seeds[3]!.paragraphs.length;
    for (const s of siblings) expect(s.paragraphs.length).toBeLessThan(n);
  });
});

describe('spinner', () => {
  it('replaces at least a quarter of the content words with WordNet synonyms, in place, names and numbers kept', () => {
    const seed = seeds[5]!;
    const wn = loadWordNet();
    const r = spinDraft(seed, seededRandom(3), {
      rate: 0.7,
      protect: protectedWords(seed.event.names),
      wordnet: wn,
    });
    expect(r.replaced / r.content).toBeGreaterThanOrEqual(0.25);
    let changed = 0;
    let content = 0;
    seed.paragraphs.forEach((p, i) => {
      const before = p.split(/\s+/);
      const after = r.draft.paragraphs[i]!.split(/\s+/);
      expect(after.length).toBe(before.length);
      before.forEach((w, k) => {
        const x = w.replace(/[^A-Za-z']/g, '');
        const y = after[k]!.replace(/[^A-Za-z'-]/g, '');
        if (/\d/.test(w)) expect(after[k]).toBe(w);
        if (x === '' || isStopword(x)) return;
        content++;
        if (x === y || w.includes('-') || x.endsWith("'s")) return;
        changed++;
        expect(spinCandidates(wn, x.toLowerCase())).toContain(y.toLowerCase());
      });
    });
    expect(changed / content).toBeGreaterThanOrEqual(0.25);
    for (const name of seed.event.people.map((p) => p.name)) {
      const inOriginal = seed.paragraphs.join(' ').split(name).length;
      expect(r.draft.paragraphs.join(' ').split(name).length).toBe(inOriginal);
    }
  });

  it('spins quotations too', () => {
    const seed = seeds[0]!;
    const r = spinDraft(seed, seededRandom(9), {
      rate: 0.7,
      protect: protectedWords(seed.event.names),
    });
    const before = quotes(seed.paragraphs);
    const after = quotes(r.draft.paragraphs);
    expect(after.length).toBe(before.length);
    expect(after.filter((q, i) => q !== before[i]).length).toBeGreaterThan(before.length / 2);
  });
});

describe('respell', () => {
  it('spells names as transliteration does', () => {
    expect(respell('Yuri')).toBe('Jurij');
    expect(respell('Wolansky')).toBe('Volanskij');
    expect(respell('Chwalek')).toBe('Khvalek');
  });
});

describe('generateCorpus', () => {
  it('puts each original at most once in a batch and reproduces a family whatever the count', () => {
    const small = generateCorpus({ families: 3, seed: 5 });
    const big = generateCorpus({ families: 12, seed: 5 });
    expect(big).toHaveLength(2);
    for (const b of big) {
      const originals = b.families.map((f) => f.seed);
      expect(new Set(originals).size).toBe(originals.length);
    }
    expect(big[0]!.families.slice(0, 3)).toEqual(small[0]!.families);
    expect(big[0]!.truth.relations.length).toBe(
      big[0]!.families.reduce((n, f) => n + f.relations.length, 0),
    );
  });
});

describe('paraphrase and translation-like copies, measured against their parents (outside quotations, 50 families)', () => {
  // Targets of the generator (not of Stemma): a paraphrase shares ≤ 20% of its
  // word 4-grams with its parent, a translated copy ≤ 35%. Measured at the
  // time of writing (node packages/core/dist/generate/measure.js 50 1):
  // paraphrase 23.9%, paraphrase of paraphrase 32.7%, translated 35.2%. The
  // bounds below hold what is reached so a change cannot make copies closer
  // again unnoticed; the gap to the targets is open.
  const rows = new Map(measureOverlap(50, 1).map((r) => [r.role, r]));
  const row = (role: string) => rows.get(role)!;

  it('measures every kind of copy', () => {
    expect(row('paraphrase').n).toBe(50);
    expect(row('paraphrase of paraphrase').n).toBe(100);
    expect(row('translated').n).toBe(50);
  });

  it('rewords paraphrases: few shared 4-grams, about two thirds of the content words, 70–85% of the length', () => {
    expect(row('paraphrase').mean.fourgram).toBeLessThanOrEqual(0.26);
    expect(row('paraphrase of paraphrase').mean.fourgram).toBeLessThanOrEqual(0.36);
    for (const role of ['paraphrase', 'paraphrase of paraphrase']) {
      expect(row(role).mean.content).toBeGreaterThanOrEqual(0.3);
      expect(row(role).mean.content).toBeLessThanOrEqual(0.75);
    }
    expect(row('paraphrase').mean.length).toBeGreaterThanOrEqual(0.7);
    expect(row('paraphrase').mean.length).toBeLessThanOrEqual(0.85);
  });

  it('rewrites translated copies: at most about a third of the 4-grams shared, order and length kept', () => {
    expect(row('translated').mean.fourgram).toBeLessThanOrEqual(0.37);
    expect(row('translated').mean.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('translation-like copy', () => {
  it('respells names in every family and alters quotations', () => {
    for (const [i, seed] of seeds.entries()) {
      const f = generateFamily(
        seed,
        {
          ...full,
          id: `t${i}`,
          verbatim: 0,
          edited: 0,
          spun: 0,
          paraphraseDepth: 0,
          decoys: 0,
          chainProbability: 0,
        },
        seededRandom(i),
      );
      const t = story(f, 'translated')[0]!.paragraphs.join('\n');
      const table = respellTable(seed.event.names);
      const used = [...table].filter(
        ([from, to]) =>
          from !== from.toUpperCase() &&
          seed.paragraphs.join('\n').includes(from) &&
          t.includes(to),
      );
      expect(used.length).toBeGreaterThan(0);
      for (const [from] of used) expect(t).not.toMatch(new RegExp(`\\b${from}\\b`));
      const before = quotes(seed.paragraphs);
      const after = quotes(story(f, 'translated')[0]!.paragraphs);
      expect(after.filter((q) => !before.includes(q)).length).toBeGreaterThan(0);
    }
  });

  it('keeps paragraph and sentence count', () => {
    const f = generateFamily(seeds[2]!, { ...full, chainProbability: 0 }, seededRandom(11));
    const t = story(f, 'translated')[0]!;
    const o = story(f, 'original')[0]!;
    expect(t.paragraphs.length).toBe(o.paragraphs.length);
  });
});

describe('paraphrase', () => {
  it('keeps names and numbers of the kept text', () => {
    const f = generateFamily(seeds[1]!, full, seededRandom(21));
    const p = story(f, 'paraphrase')[0]!.paragraphs.join(' ');
    const o = story(f, 'original')[0]!.paragraphs.join(' ');
    for (const n of p.match(/\d[\d,.:]*/g) ?? []) expect(o).toContain(n.replace(/[.,:]$/, ''));
  });
});
