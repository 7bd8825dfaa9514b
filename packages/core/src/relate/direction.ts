/**
 * Which of two related stories came first. Each signal gives a signed vote
 * (positive: A is the parent) with a weight; the sum, squashed by a logistic,
 * is the probability that A → B.
 */

import { DIRECTION } from './constants.js';
import type { DirectionInput, DirectionVerdict, StoryFacts } from './types.js';

const DAY = 86_400_000;

function dateVote(a: string | null, b: string | null): number {
  if (!a || !b) return 0;
  const d = (Date.parse(b) - Date.parse(a)) / DAY;
  if (!Number.isFinite(d) || Math.abs(d) < 1) return 0;
  return Math.sign(d);
}

/**
 * Weighs the direction evidence for a derived pair.
 * - dates (the story's own, else the page's);
 * - attribution: a story that credits the other's outlet copied from it;
 * - containment: the copy usually holds a subset of its source;
 * - word rarity: spinners swap common words for rarer synonyms;
 * - witnesses: where the two differ inside a quotation, the wording that
 *   other, independent stories also carry is the original one.
 */
export function inferDirection(input: DirectionInput): DirectionVerdict {
  const { a, b, alignment } = input;
  const ev: { weight: number; text: string }[] = [];

  const storyDates = dateVote(a.published, b.published);
  if (storyDates !== 0) {
    ev.push({
      weight: DIRECTION.storyDates * storyDates,
      text: `story dates: ${storyDates > 0 ? `${a.id} (${a.published}) is earlier than ${b.id} (${b.published})` : `${b.id} (${b.published}) is earlier than ${a.id} (${a.published})`}`,
    });
  } else {
    const da = a.published ?? a.pagePublished;
    const db = b.published ?? b.pagePublished;
    const pageDates = dateVote(da, db);
    if (pageDates !== 0) {
      ev.push({
        weight: DIRECTION.pageDates * pageDates,
        text: `page dates: ${pageDates > 0 ? `${a.id} (${da}) is earlier than ${b.id} (${db})` : `${b.id} (${db}) is earlier than ${a.id} (${da})`}`,
      });
    }
  }

  const credits = (x: StoryFacts, y: StoryFacts) =>
    x.credits.some((c) => y.outlets.some((o) => o && (c.includes(o) || o.includes(c))));
  const bCreditsA = credits(b, a);
  const aCreditsB = credits(a, b);
  if (bCreditsA !== aCreditsB) {
    ev.push({
      weight: bCreditsA ? DIRECTION.credit : -DIRECTION.credit,
      text: bCreditsA ? `${b.id} credits ${a.id}'s outlet` : `${a.id} credits ${b.id}'s outlet`,
    });
  }

  // B's paragraphs all found in A while A has more: B is the cut-down copy.
  const contain = alignment.coverageB - alignment.coverageA;
  if (Math.abs(contain) >= DIRECTION.minContainment) {
    ev.push({
      weight: DIRECTION.containment * contain,
      text:
        contain > 0
          ? `containment: ${Math.round(alignment.coverageB * 100)}% of ${b.id} is in ${a.id}, ${Math.round(alignment.coverageA * 100)}% the other way`
          : `containment: ${Math.round(alignment.coverageA * 100)}% of ${a.id} is in ${b.id}, ${Math.round(alignment.coverageB * 100)}% the other way`,
    });
  }

  if (input.rank) {
    let votes = 0;
    let n = 0;
    for (const s of input.substitutions) {
      const ra = input.rank(s.from);
      const rb = input.rank(s.to);
      if (ra === undefined || rb === undefined || ra === rb) continue;
      // Ignore near-ties: a rank ratio under 1.5 says nothing.
      const ratio = Math.log((rb + 1) / (ra + 1));
      if (Math.abs(ratio) < Math.log(DIRECTION.minRankRatio)) continue;
      votes += Math.sign(ratio);
      n++;
    }
    if (n >= DIRECTION.minRaritySwaps) {
      const share = votes / n;
      if (Math.abs(share) >= DIRECTION.minRarityShare) {
        ev.push({
          weight: DIRECTION.rarity * share,
          text:
            share > 0
              ? `word rarity: in ${n} swaps ${b.id} mostly has the rarer word (spinner's choice)`
              : `word rarity: in ${n} swaps ${a.id} mostly has the rarer word (spinner's choice)`,
        });
      }
    }
  }

  const wa = input.quotesOnlyA.filter((q) => input.quoteWitnesses(q) > 0).length;
  const wb = input.quotesOnlyB.filter((q) => input.quoteWitnesses(q) > 0).length;
  if (wa !== wb) {
    const diff = wa - wb;
    ev.push({
      weight: Math.sign(diff) * Math.min(DIRECTION.maxWitnessVotes, Math.abs(diff)),
      text: diff > 0 ? witnessLine(a.id, wa, b.id, wb) : witnessLine(b.id, wb, a.id, wa),
    });
  }

  const score = ev.reduce((s, e) => s + e.weight, 0);
  ev.sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight));
  return { score, pAB: 1 / (1 + Math.exp(-score)), evidence: ev };
}

/** "witnesses: other stories carry 2 quotations as A words them, none as B does". */
function witnessLine(kept: string, n: number, altered: string, m: number): string {
  const quotes = n === 1 ? '1 quotation as it stands' : `${n} quotations as they stand`;
  return `witnesses: other stories carry ${quotes} in ${kept}, ${m === 0 ? 'none' : m} as in ${altered}`;
}
