/**
 * The relate stage: for each candidate story pair from the ANN index, align
 * the paragraphs, decide derived or independent, and weigh the direction.
 */

import type { ParagraphFeatures, StoryAlignment, StoryView } from '../align/index.js';
import {
  classifyKind,
  derivationCut,
  derivationProbability,
  isDerived,
  loadDerivationModel,
  orient,
  type DerivationModel,
} from '../classify/index.js';
import { judgePair, type JudgeOptions, type PairJudgement } from './judge.js';
import { inferDirection } from './direction.js';
import { pairKey } from '../util/pair-key.js';
import { RELATE } from './constants.js';
import { EventIndex, type EventStory } from './event.js';
import type {
  DerivedPair,
  NonDerivedPair,
  RelateInput,
  RelateOptions,
  RelateResult,
  RelateStory,
} from './types.js';

/** The units an alignment was made over: sentences (with their paragraphs) or paragraphs. */
type AlignedStory = StoryView & { readonly paragraphOf?: readonly number[] };

/**
 * Which stories carry each quotation: the witnesses of a reading. Reporters
 * trim quotations differently ("made clear that…" against "He made clear
 * that…"), so a story witnesses a quotation when one of its own quotations
 * holds it, or holds most of it (the shorter at least 60% of the longer and
 * at least four words).
 */
export class QuoteIndex {
  private readonly where = new Map<string, Set<string>>();
  private readonly byGram = new Map<string, Set<string>>();
  constructor(stories: Iterable<RelateStory>) {
    for (const s of stories) {
      for (const p of s.units) {
        for (const q of p.quotations) {
          const set = this.where.get(q) ?? new Set<string>();
          set.add(s.id);
          this.where.set(q, set);
          for (const g of grams(q)) {
            const qs = this.byGram.get(g) ?? new Set<string>();
            qs.add(q);
            this.byGram.set(g, qs);
          }
        }
      }
    }
  }
  /** How many stories other than `exclude` carry the quotation or most of it. */
  witnesses(quote: string, exclude: readonly string[]): number {
    const found = new Set<string>();
    const candidates = new Set<string>();
    for (const g of grams(quote)) for (const q of this.byGram.get(g) ?? []) candidates.add(q);
    for (const c of candidates) {
      if (!sameReading(quote, c)) continue;
      for (const id of this.where.get(c) ?? []) found.add(id);
    }
    for (const e of exclude) found.delete(e);
    return found.size;
  }
}

/** Word 4-grams of a normalised quotation (the whole of a shorter one). */
function grams(q: string): string[] {
  const w = q.split(' ');
  if (w.length <= 4) return [q];
  const out: string[] = [];
  for (let i = 0; i + 4 <= w.length; i++) out.push(w.slice(i, i + 4).join(' '));
  return out;
}

function sameReading(x: string, y: string): boolean {
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  const ns = short.split(' ').length;
  return ns >= 4 && ns >= 0.6 * long.split(' ').length && ` ${long} `.includes(` ${short} `);
}

/** A story's content words (function words and quotations left out). */
function contentWords(s: RelateStory): Set<string> {
  const out = new Set<string>();
  for (const u of s.units)
    for (const w of u.outsideWords) if (w.length > 1 && !/^\d{1,2}$/.test(w)) out.add(w);
  return out;
}

function quotesOf(units: readonly ParagraphFeatures[], indices: Iterable<number>): Set<string> {
  const out = new Set<string>();
  for (const i of indices) for (const q of units[i]?.quotations ?? []) out.add(q);
  return out;
}

function allQuotes(s: RelateStory): Set<string> {
  return quotesOf(s.units, s.units.keys());
}

/** What two stories share without shared text: quotations, names, rare words. */
function sharedCoverage(
  a: RelateStory,
  b: RelateStory,
  matches: number,
  maxCoverage: number,
  events: EventIndex,
): NonDerivedPair {
  const qa = allQuotes(a);
  const qb = allQuotes(b);
  let shared = 0;
  for (const q of qa) if (qb.has(q)) shared++;
  const commonNames = [...a.names].filter((n) => b.names.has(n));
  const union = new Set([...a.names, ...b.names]).size;
  return {
    a: a.id,
    b: b.id,
    eventOverlap: events.overlap(a.id, b.id),
    sharedWords: events.sharedWords(a.id, b.id),
    sharedQuotes: shared,
    sharedNames: commonNames,
    // A script without capitals (Arabic, Hindi, Chinese…) gives no names.
    namesRead: a.names.size > 0 && b.names.size > 0,
    nameOverlap: union ? commonNames.length / union : 0,
    maxCoverage,
    matches,
  };
}

/** The corpus-wide indexes relate reads, each built when first needed. */
export interface CorpusIndexes {
  readonly quotes: () => QuoteIndex;
  readonly eventsOf: () => { readonly stories: EventStory[]; readonly index: EventIndex };
  readonly events: () => EventIndex;
}

/**
 * The corpus-wide indexes over `input`'s stories: each reads every story's
 * lexical features and is built when first needed, so a corpus with no pair
 * to judge (one story) computes none of them.
 * @throws never.
 */
export function corpusIndexes(input: RelateInput): CorpusIndexes {
  let quoteIndex: QuoteIndex | undefined;
  const quotes = (): QuoteIndex => (quoteIndex ??= new QuoteIndex(input.stories.values()));
  let eventCorpus: { readonly stories: EventStory[]; readonly index: EventIndex } | undefined;
  const eventsOf = (): { readonly stories: EventStory[]; readonly index: EventIndex } => {
    if (eventCorpus) return eventCorpus;
    const stories = [...input.stories.values()].map((st) => ({
      id: st.id,
      words: contentWords(st),
    }));
    const index = new EventIndex(stories, input.rank ? { generalRank: input.rank } : {});
    return (eventCorpus = { stories, index });
  };
  return { quotes, eventsOf, events: () => eventsOf().index };
}

/**
 * What to align: the index's candidates, and stories whose rare words are
 * alike even where no paragraph came near (a short text condensing a long
 * one); never two stories of one page, and never a collapsed copy but with
 * its representative (the index's candidates hold that pair). In the order
 * relate judges them.
 * @throws never.
 */
export function pairsToAlign(
  input: RelateInput,
  corpus: CorpusIndexes = corpusIndexes(input),
): (readonly [string, string])[] {
  const { eventsOf, events } = corpus;
  const samePage = new Set((input.samePage ?? []).map(([x, y]) => pairKey(x, y)));
  const toAlign: (readonly [string, string])[] = [];
  const queued = new Set<string>();
  const fromIndex = new Set(input.candidates.map(([x, y]) => pairKey(x, y)));
  const copyOf = input.copyOf ?? new Map<string, string>();
  // Fewer than two stories have no event pair (EventIndex.candidates gives none).
  const eventStories = (): EventStory[] =>
    copyOf.size === 0 ? eventsOf().stories : eventsOf().stories.filter((st) => !copyOf.has(st.id));
  const eventPairs = input.stories.size < 2 ? [] : events().candidates(eventStories());
  for (const [x, y] of [...input.candidates, ...eventPairs]) {
    const key = pairKey(x, y);
    if (queued.has(key) || samePage.has(key)) continue;
    queued.add(key);
    if (!fromIndex.has(key) && events().overlap(x, y) < RELATE.eventOverlap / 2) continue;
    toAlign.push([x, y]);
  }
  return toAlign;
}

/**
 * The derivation model relate uses, and what {@link judgePair} needs of the
 * options (plain data, for a worker).
 * @throws CoreError when the shipped model cannot be read.
 */
export function judgeSetup(options: RelateOptions): {
  readonly model: DerivationModel;
  readonly judging: JudgeOptions;
} {
  const model = options.derivationModel ?? loadDerivationModel();
  // Whether the model gives any paragraph-alignment feature a weight: if not,
  // a pair the sentences already show derived needs no paragraph alignment
  // (its P(derived) is the same either way), which keeps the align stage's cost.
  const readsParagraphs = model.features.some(
    (f, i) => (f.startsWith('para') || f === 'paragraphRule') && model.weights[i] !== 0,
  );
  const judging: JudgeOptions = {
    ...(options.threshold !== undefined ? { threshold: options.threshold } : {}),
    ...(options.moveThreshold !== undefined ? { moveThreshold: options.moveThreshold } : {}),
    ...(options.semanticWeight !== undefined ? { semanticWeight: options.semanticWeight } : {}),
    ...(options.minCoverage !== undefined ? { minCoverage: options.minCoverage } : {}),
    readsParagraphs,
    everyPair: options.onCandidate !== undefined,
    // The features of weight 0 are not computed (the costly ones): P(derived) is the same.
    reads: model.features.filter((_, i) => model.weights[i] !== 0),
  };
  return { model, judging };
}

/**
 * Aligns and judges every candidate pair.
 * @throws RangeError when a candidate names an unknown story.
 */
export function relate(input: RelateInput, options: RelateOptions = {}): RelateResult {
  const corpus = corpusIndexes(input);
  const { model, judging } = judgeSetup(options);
  return relateJudged(
    input,
    options,
    { model, corpus, toAlign: pairsToAlign(input, corpus) },
    (a, b) => judgePair(a, b, judging),
  );
}

/**
 * {@link relate} over pairs already chosen, with each pair's alignments and
 * features from `judge` (computed here, or in worker threads beforehand).
 * @throws RangeError when a candidate names an unknown story.
 */
export function relateJudged(
  input: RelateInput,
  options: RelateOptions,
  prepared: {
    readonly model: DerivationModel;
    readonly corpus: CorpusIndexes;
    readonly toAlign: readonly (readonly [string, string])[];
  },
  judge: (a: RelateStory, b: RelateStory, k: number) => PairJudgement,
): RelateResult {
  const { model, corpus, toAlign } = prepared;
  const cut = derivationCut(model);
  const { quotes, events } = corpus;
  const derived: DerivedPair[] = [];
  const nonDerived: NonDerivedPair[] = [];
  const aligned: {
    a: RelateStory;
    b: RelateStory;
    al: StoryAlignment;
    ua: AlignedStory;
    ub: AlignedStory;
    probability: number;
  }[] = [];
  const relatives = new Map<string, Set<string>>();
  const relative = (x: string, y: string) => {
    const set = relatives.get(x) ?? new Set<string>();
    set.add(y);
    relatives.set(x, set);
  };
  let done = 0;
  for (const [k, [idA, idB]] of toAlign.entries()) {
    const a = input.stories.get(idA);
    const b = input.stories.get(idB);
    if (!a || !b) throw new RangeError(`candidate pair ${idA}/${idB} names an unknown story`);
    const { sentences, paragraphs: byPara, features: judged } = judge(a, b, k);
    const sentenceRule = isDerived(sentences, a.units.length, b.units.length, options);
    const paragraphRule =
      !sentenceRule &&
      byPara !== null &&
      isDerived(byPara, a.byParagraph!.units.length, b.byParagraph!.units.length, options);
    // The fitted model decides (P(derived) at its held-out cut); the rules
    // are among its features (stacking) and say which alignment explains
    // the verdict: the paragraphs' when only they pass, else the
    // sentences' when they hold any match, else the paragraphs'.
    const cascade = sentenceRule || paragraphRule;
    const probability = derivationProbability(model, judged);
    const al = paragraphRule || (sentences.matches.length === 0 && byPara) ? byPara! : sentences;
    const byParagraphs = al !== sentences;
    const derivedNow = probability >= cut && al.matches.length > 0;
    const pa: AlignedStory = byParagraphs ? a.byParagraph! : a;
    const pb: AlignedStory = byParagraphs ? b.byParagraph! : b;
    options.onCandidate?.({ a: idA, b: idB, features: judged, cascade, probability });
    if (derivedNow) {
      aligned.push({ a, b, al, ua: pa, ub: pb, probability });
      relative(idA, idB);
      relative(idB, idA);
    } else {
      nonDerived.push(
        sharedCoverage(a, b, al.matches.length, Math.max(al.coverageA, al.coverageB), events()),
      );
    }
    options.onProgress?.(++done, toAlign.length);
  }
  // Stories on one page never copy each other, but may report the same
  // event; so may stories whose rare words are alike but whose text never
  // came near in the paragraph index.
  for (const [idA, idB] of input.samePage ?? []) {
    const a = input.stories.get(idA);
    const b = input.stories.get(idB);
    if (a && b && a.id !== b.id) nonDerived.push(sharedCoverage(a, b, 0, 0, events()));
  }
  // Direction, once every derived pair is known: a quotation's witnesses are
  // the stories that are not copies of either side.
  for (const { a, b, al, ua, ub, probability } of aligned) {
    const forward = orient(al, true, ua, ub);
    const backward = orient(al, false, ua, ub);
    const qa = quotesOf(
      ua.units,
      al.matches.map((m) => m.a),
    );
    const qb = quotesOf(
      ub.units,
      al.matches.map((m) => m.b),
    );
    const exclude = [a.id, b.id, ...(relatives.get(a.id) ?? []), ...(relatives.get(b.id) ?? [])];
    const direction = inferDirection({
      a: a.facts,
      b: b.facts,
      alignment: al,
      substitutions: forward.profile.substitutions,
      quotesOnlyA: [...qa].filter((q) => !qb.has(q)),
      quotesOnlyB: [...qb].filter((q) => !qa.has(q)),
      quoteWitnesses: (q) => quotes().witnesses(q, exclude),
      ...(input.rank ? { rank: input.rank } : {}),
    });
    const meanScore = al.matches.reduce((s, m) => s + m.score, 0) / al.matches.length;
    const w = RELATE.strengthCoverageWeight;
    const strength = Math.min(1, w * Math.max(al.coverageA, al.coverageB) + (1 - w) * meanScore);
    derived.push({
      a: a.id,
      b: b.id,
      strength,
      probability,
      direction,
      forward,
      backward,
      forwardKind: classifyKind(forward),
      backwardKind: classifyKind(backward),
    });
  }
  const facts = new Map([...input.stories].map(([id, st]) => [id, st.facts]));
  return { derived, nonDerived, facts };
}
