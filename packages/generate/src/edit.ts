/**
 * A light edit, as a subscribing newsroom makes one: a new headline from the
 * lead, the agency credit stripped, paragraphs cut and one moved, a few words
 * changed outside quotations, now and then one sentence added.
 */

import type { Draft } from './article.js';
import {
  between,
  chance,
  mapOutsideQuotes,
  pick,
  shuffled,
  splitSentences,
  type Rng,
} from './text.js';
import type { EventDescription } from './types.js';

const WORD_CHANGES: readonly (readonly [RegExp, string])[] = [
  [/\bmore than\b/, 'over'],
  [/\babout (?=\d)/, 'some '],
  [/\broughly\b/, 'about'],
  [/\blate on\b/, 'late'],
  [/\bat least\b/, 'no fewer than'],
  [/\bpeople\b/, 'residents'],
  [/\bbegan\b/, 'started'],
  [/\bnearly\b/, 'almost'],
  [/\ba spokes(?:man|woman)\b/, 'a spokesperson'],
  [/\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/, 'on $1'],
  [/\bsaid\b/, 'said'],
  [/\bwarned\b/, 'cautioned'],
  [/\bofficials\b/, 'authorities'],
];

/** A headline from the lead's first clause, cut at a word boundary. */
function headlineFromLead(lead: string): string {
  const body = lead.replace(/^[^—]*—\s*/, '');
  const clause = (splitSentences(body)[0] ?? body).split(/,/)[0]!.replace(/\.$/, '');
  const words = clause.split(/\s+/).slice(0, 12);
  const h = words.join(' ').replace(/^(A|An|The) /, '');
  return h[0]!.toUpperCase() + h.slice(1);
}

/** Removes "(Agency) " from the dateline and drops the closing credit line. */
export function stripAttribution(paragraphs: readonly string[]): string[] {
  return paragraphs
    .filter((p) => !/contributed to this report\.?$/.test(p))
    .map((p, i) => (i === 0 ? p.replace(/ \([^)]+\) —/, ' —') : p));
}

export interface EditOptions {
  readonly event: EventDescription;
  /** Paragraphs (after the first) the edit must cut, in addition to its own choices. */
  readonly mustDrop?: readonly number[];
  /** Paragraphs the edit must keep (a hidden source's other copies rely on them being cut only once). */
  readonly keep?: readonly number[];
}

/** Makes a light edit of a draft. */
export function editDraft(draft: Draft, rng: Rng, opts: EditOptions): Draft {
  const n = draft.paragraphs.length;
  const drop = new Set(opts.mustDrop ?? []);
  const cuts = between(rng, 1, 3);
  const keep = new Set(opts.keep ?? []);
  const cuttable = Array.from({ length: n - 1 }, (_, k) => k + 1).filter((k) => !keep.has(k));
  for (const i of shuffled(rng, cuttable).slice(0, cuts)) {
    drop.add(i);
  }
  let paragraphs = draft.paragraphs.filter((_, i) => !drop.has(i));
  if (chance(rng, 0.7)) paragraphs = stripAttribution(paragraphs);
  if (paragraphs.length > 4 && chance(rng, 0.6)) {
    const from = between(rng, 3, paragraphs.length - 1);
    const to = between(rng, 1, from - 1);
    const [moved] = paragraphs.splice(from, 1);
    paragraphs.splice(to, 0, moved!);
  }
  // A few words, outside quotations, in up to three paragraphs.
  let changes = between(rng, 2, 4);
  for (const i of shuffled(
    rng,
    paragraphs.map((_, k) => k),
  )) {
    if (changes <= 0) break;
    const [re, to] = pick(rng, WORD_CHANGES);
    const before = paragraphs[i]!;
    const after = mapOutsideQuotes(before, (o) => o.replace(re, to));
    if (after !== before) {
      paragraphs[i] = after;
      changes--;
    }
  }
  if (chance(rng, 0.4) && opts.event.facts.length > 0) {
    const fact = pick(rng, opts.event.facts);
    const i = between(rng, 1, paragraphs.length - 1);
    paragraphs[i] = `${paragraphs[i]!} Earlier, ${fact.source} had said that ${fact.text}.`;
  }
  return { ...draft, headline: headlineFromLead(draft.paragraphs[0]!), paragraphs };
}
