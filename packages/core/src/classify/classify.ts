/**
 * Classification of an aligned story pair: is one derived from the other, and
 * if so by which transformation.
 */

import {
  mergeFeatures,
  type ParagraphFeatures,
  type ParagraphMatch,
  type StoryAlignment,
} from '../align/index.js';
import type { AlignedParagraphs } from '../types.js';
import { DERIVATION, KIND } from './constants.js';
import { changeProfile } from './transform.js';
import type {
  ClassifyOptions,
  KindDecision,
  OrientedPair,
  PairProfile,
  Substitution,
  UnitSource,
} from './types.js';

/** Longest run of matches that follow each other on both sides (i, j), (i+1, j+1), … */
export function longestRun(al: StoryAlignment): number {
  const at = new Set(al.matches.map((m) => `${m.a}:${m.b}`));
  let best = 0;
  for (const m of al.matches) {
    if (at.has(`${m.a - 1}:${m.b - 1}`)) continue; // not the start of a run
    let n = 1;
    while (at.has(`${m.a + n}:${m.b + n}`)) n++;
    best = Math.max(best, n);
  }
  return best;
}

/**
 * Decides whether an alignment shows derivation (shared text beyond shared
 * quotations and facts) rather than independent coverage of one event.
 * Two kinds of evidence count:
 * - structure: most of one story follows the other, unit by unit, in order
 *   (a paraphrase rewords everything but keeps the source's sequence);
 * - wording: a run of aligned units in a row that keep the writer's own
 *   words (outside quotations, names and numbers aside). Independent reports
 *   of one event share a fact or a quotation here and there, worded their
 *   own way, and rarely two sentences in a row.
 */
export function isDerived(
  al: StoryAlignment,
  sizeA: number,
  sizeB: number,
  options: ClassifyOptions = {},
): boolean {
  return sentenceRuleParts(al, sizeA, sizeB, options).derived;
}

/**
 * {@link isDerived} with its two tests apart: `structural` (most of one
 * story in order), `worded` (a run of aligned units keeping the writer's
 * words); for a story of one or two units both are the short-story test.
 * The derivation features read them (stacking).
 */
export function sentenceRuleParts(
  al: StoryAlignment,
  sizeA: number,
  sizeB: number,
  options: ClassifyOptions = {},
): { readonly derived: boolean; readonly structural: boolean; readonly worded: boolean } {
  const no = { derived: false, structural: false, worded: false };
  const minCoverage = options.minCoverage ?? DERIVATION.minCoverage;
  const n = al.matches.length;
  if (n === 0) return no;
  const coverage = Math.max(al.coverageA, al.coverageB);
  if (coverage < minCoverage) return no;
  // A story of one or two units: all of it aligned, in its own words.
  const shortest = Math.min(sizeA, sizeB);
  const wording = al.matches.reduce((s, m) => s + m.wording, 0) / n;
  if (shortest <= DERIVATION.shortStoryUnits) {
    const short = n >= shortest && wording >= DERIVATION.wording;
    return { derived: short, structural: short, worded: short };
  }
  const structural =
    n >= DERIVATION.structuralMinUnits &&
    coverage >= DERIVATION.structuralCoverage &&
    al.inOrderShare >= DERIVATION.structuralInOrder;
  const worded = longestRun(al) >= DERIVATION.minRun && wording >= DERIVATION.wording;
  return { derived: structural || worded, structural, worded };
}

/**
 * The report's paragraph-level alignment from unit matches: one entry per
 * (parent paragraph, child paragraph) pair holding aligned units, with the
 * mean scores of its units.
 */
function paragraphAlignment(
  al: StoryAlignment,
  parentIsA: boolean,
  A: UnitSource,
  B: UnitSource,
): AlignedParagraphs[] {
  const cells = new Map<string, { p: number; c: number; sem: number; lex: number; n: number }>();
  for (const m of al.matches) {
    const pa = A.paragraphOf?.[m.a] ?? m.a;
    const pb = B.paragraphOf?.[m.b] ?? m.b;
    const [p, c] = parentIsA ? [pa, pb] : [pb, pa];
    const key = `${p}:${c}`;
    const cell = cells.get(key) ?? { p, c, sem: 0, lex: 0, n: 0 };
    cell.sem += m.semantic;
    cell.lex += m.lexical;
    cell.n++;
    cells.set(key, cell);
  }
  return [...cells.values()]
    .map((x) => ({
      parentParagraph: x.p,
      childParagraph: x.c,
      semantic: round(x.sem / x.n),
      lexical: round(x.lex / x.n),
    }))
    .sort((x, y) => x.childParagraph - y.childParagraph || x.parentParagraph - y.parentParagraph);
}

/** Orients an alignment from parent to child and sums the change profile. */
export function orient(
  al: StoryAlignment,
  parentIsA: boolean,
  A: UnitSource,
  B: UnitSource,
): OrientedPair {
  const paragraphsA = A.units;
  const paragraphsB = B.units;
  const [pParas, cParas] = parentIsA ? [paragraphsA, paragraphsB] : [paragraphsB, paragraphsA];
  const alignment = paragraphAlignment(al, parentIsA, A, B);
  let wSum = 0;
  let sem = 0;
  let lex = 0;
  const acc = {
    kept: 0,
    changedParent: 0,
    changedChild: 0,
    substituted: 0,
    changedStopwords: 0,
    quotations: 0,
    quotationsKept: 0,
  };
  const substitutions: Substitution[] = [];
  const nameVariants: Substitution[] = [];
  // A respelling counts only if the child never uses the parent's spelling and vice versa.
  const parentVocab = vocabulary(pParas);
  const childVocab = vocabulary(cParas);
  let childWords = 0;
  let unchangedWords = 0;
  for (const m of al.matches) {
    const p = pParas[parentIsA ? m.a : m.b]!;
    const c = cParas[parentIsA ? m.b : m.a]!;
    const w = Math.max(p.words.length, c.words.length, 1);
    wSum += w;
    sem += w * m.semantic;
    lex += w * m.lexical;
    childWords += c.words.length;
    // Unchanged means the writer's own words too, not just a quotation kept
    // while its attribution is rewritten around it.
    const nothingOutside = p.unigramsOutside.length === 0 && c.unigramsOutside.length === 0;
    if (
      m.lexical >= KIND.unchangedUnit &&
      (nothingOutside || m.lexicalOutside >= KIND.unchangedOutside)
    ) {
      unchangedWords += c.words.length;
    }
  }
  // Word-level changes per group of paragraphs aligned together, so that a
  // paragraph split in two is compared with both halves at once.
  for (const g of matchGroups(al.matches)) {
    const fa = mergeFeatures(g.a.map((i) => paragraphsA[i]!));
    const fb = mergeFeatures(g.b.map((i) => paragraphsB[i]!));
    const prof = parentIsA ? changeProfile(fa, fb) : changeProfile(fb, fa);
    acc.kept += prof.kept;
    acc.changedParent += prof.changedParent;
    acc.changedChild += prof.changedChild;
    acc.substituted += prof.substituted;
    acc.changedStopwords += prof.changedStopwords;
    acc.quotations += prof.quotations;
    acc.quotationsKept += prof.quotationsKept;
    substitutions.push(...prof.substitutions);
    nameVariants.push(
      ...prof.nameVariants.filter(
        (v) => !childVocab.has(v.from.toLowerCase()) && !parentVocab.has(v.to.toLowerCase()),
      ),
    );
  }
  const alignedA = new Set(al.matches.map((m) => m.a));
  const alignedB = new Set(al.matches.map((m) => m.b));
  const semantic = wSum ? sem / wSum : 0;
  const lexical = wSum ? lex / wSum : 0;
  return {
    parent: parentIsA ? al.a : al.b,
    child: parentIsA ? al.b : al.a,
    alignment,
    scores: {
      semantic: round(semantic),
      lexical: round(lexical),
      coverage: round(parentIsA ? al.coverageB : al.coverageA),
      // P(same meaning) needs the paragraphs' text: the pipeline sets it once
      // every pair is judged (relate/meaning.ts scoreMeaning).
      paraphrase: 0,
      rewording: round(semantic * (1 - lexical)),
    },
    parentCoverage: parentIsA ? al.coverageA : al.coverageB,
    paragraphsCut: parentIsA ? unalignedParagraphs(A, alignedA) : unalignedParagraphs(B, alignedB),
    paragraphsAdded: parentIsA
      ? unalignedParagraphs(B, alignedB)
      : unalignedParagraphs(A, alignedA),
    inOrderShare: al.inOrderShare,
    childUnits: childUnitScores(al, parentIsA, cParas),
    profile: {
      ...acc,
      substitutions,
      nameVariants,
      unchangedShare: childWords ? unchangedWords / childWords : 0,
    },
  };
}

/** Paragraphs of a story none of whose units is in `aligned` (a paragraph with no words is none). */
function unalignedParagraphs(story: UnitSource, aligned: ReadonlySet<number>): number {
  const seen = new Map<number, boolean>();
  story.units.forEach((u, i) => {
    const p = story.paragraphOf?.[i] ?? i;
    const any = seen.get(p) ?? false;
    if (u.words.length > 0 || aligned.has(i)) seen.set(p, any || aligned.has(i));
  });
  let n = 0;
  for (const any of seen.values()) if (!any) n++;
  return n;
}

/** Distinct respelled names (Steven/Stephen counted once however often it recurs). */
export function distinctNameVariants(p: PairProfile): number {
  return new Set(p.nameVariants.map((v) => `${v.from.toLowerCase()}>${v.to.toLowerCase()}`)).size;
}

/**
 * Names the transformation from parent to child.
 * - verbatim: every paragraph kept, every sentence unchanged (nearly all the content);
 * - edited: most sentences kept unchanged, or few words changed overall (cuts, moves, small changes);
 * - translated: names respelled the way transliteration does (Steven/Stephen, Kyiv/Kiev);
 * - paraphrase: new wording, but quotations kept word for word, as journalists do;
 * - spun: new wording in place, quotations altered too, names intact.
 */
export function classifyKind(pair: OrientedPair): KindDecision {
  const { scores, profile } = pair;
  const f = (x: number) => x.toFixed(2);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  // A cut or an added paragraph makes a copy an edit, by definition, however
  // short the paragraph: the coverage bars below allow for sentences the
  // segmenter splits or reads differently, not for text left out.
  if (
    pair.paragraphsCut === 0 &&
    pair.paragraphsAdded === 0 &&
    profile.unchangedShare >= KIND.verbatimUnchanged &&
    scores.coverage >= KIND.verbatimCoverage &&
    pair.parentCoverage >= KIND.verbatimParentCoverage &&
    pair.inOrderShare >= KIND.verbatimInOrder
  ) {
    return {
      kind: 'verbatim',
      why: `${pct(profile.unchangedShare)} of sentences copied unchanged, content kept both ways`,
    };
  }
  // An edit keeps most sentences as they were, or changes few words overall
  // (counted in the word-by-word diff of the aligned text, in order: the
  // units' lexical similarity also rewards a rewrite that swaps words back
  // and forth, see KIND.editedWordsChanged); a spinner, a translator or a
  // paraphrasing writer touches nearly every sentence.
  const wordsChanged = profile.changedParent / Math.max(1, profile.kept + profile.changedParent);
  if (profile.unchangedShare >= KIND.editedUnchanged || wordsChanged <= KIND.editedWordsChanged) {
    return {
      kind: 'edited',
      why: `${pct(profile.unchangedShare)} of sentences copied unchanged, ${pct(wordsChanged)} of the aligned words changed (wording kept ${f(scores.lexical)}), with cuts or changes`,
    };
  }
  const names = distinctNameVariants(profile);
  if (names >= KIND.translatedNames) {
    const ex = profile.nameVariants
      .slice(0, 3)
      .map((v) => `${v.from}→${v.to}`)
      .join(', ');
    return { kind: 'translated', why: `${names} names respelled as by transliteration (${ex})` };
  }
  const quoteKept = profile.quotations > 0 ? profile.quotationsKept / profile.quotations : null;
  const changed = Math.max(1, profile.changedParent);
  const inPlace = profile.substituted / changed;
  const stopShare = profile.changedStopwords / changed;
  if (
    quoteKept !== null &&
    profile.quotations >= KIND.minQuotations &&
    quoteKept >= KIND.paraphraseQuotesKept
  ) {
    return {
      kind: 'paraphrase',
      why: `new wording, ${profile.quotationsKept}/${profile.quotations} quotations kept word for word`,
    };
  }
  if (
    quoteKept !== null &&
    profile.quotations >= KIND.minQuotations &&
    quoteKept < KIND.spunQuotesKept
  ) {
    return {
      kind: 'spun',
      why: `words swapped inside quotations too (${profile.quotationsKept}/${profile.quotations} kept), names intact`,
    };
  }
  if (inPlace >= KIND.spunInPlace && stopShare < KIND.spunStopwords) {
    return {
      kind: 'spun',
      why: `${Math.round(inPlace * 100)}% of changes are in-place content-word swaps`,
    };
  }
  return {
    kind: 'paraphrase',
    why: `new wording (lexical ${f(scores.lexical)}), meaning kept (semantic ${f(scores.semantic)})`,
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function vocabulary(paragraphs: readonly ParagraphFeatures[]): Set<string> {
  const out = new Set<string>();
  for (const p of paragraphs) for (const w of p.words) out.add(w);
  return out;
}

/** Connected groups of aligned paragraphs (one-to-one, or split/merged). */
export function matchGroups(matches: readonly ParagraphMatch[]): { a: number[]; b: number[] }[] {
  const groups: { a: Set<number>; b: Set<number> }[] = [];
  for (const m of matches) {
    const hits = groups.filter((g) => g.a.has(m.a) || g.b.has(m.b));
    const g = hits[0] ?? { a: new Set<number>(), b: new Set<number>() };
    if (!hits.length) groups.push(g);
    for (const other of hits.slice(1)) {
      other.a.forEach((x) => g.a.add(x));
      other.b.forEach((x) => g.b.add(x));
      groups.splice(groups.indexOf(other), 1);
    }
    g.a.add(m.a);
    g.b.add(m.b);
  }
  return groups.map((g) => ({
    a: [...g.a].sort((x, y) => x - y),
    b: [...g.b].sort((x, y) => x - y),
  }));
}

function childUnitScores(
  al: StoryAlignment,
  parentIsA: boolean,
  childUnits: readonly ParagraphFeatures[],
): Map<number, { score: number; words: number }> {
  const out = new Map<number, { score: number; words: number }>();
  for (const m of al.matches) {
    const u = parentIsA ? m.b : m.a;
    const cur = out.get(u);
    if (!cur || m.score > cur.score)
      out.set(u, { score: m.score, words: childUnits[u]?.words.length ?? 0 });
  }
  return out;
}
