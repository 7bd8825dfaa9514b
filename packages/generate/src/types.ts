/**
 * Types of the synthetic lineage generator: a seed article with the event it
 * reports, the spec of a family, and the family with its true tree.
 */

import type { RelationKind } from '@stemma/core';

export interface EventPerson {
  readonly name: string;
  /** Surname as used on second mention. */
  readonly short: string;
  /** Role as a decoy would introduce them ("the mayor of Kelmar"). */
  readonly role: string;
}

export interface EventQuote {
  readonly speaker: string;
  /** The quotation's inner text as it stands in the article (or, for decoy quotes, as a decoy prints it). */
  readonly text: string;
}

export interface EventFact {
  /** Who says so, in lower case ("city officials"). */
  readonly source: string;
  /** The fact as a clause in its own words, not the article's ("more than 340 homes were flooded"). */
  readonly text: string;
}

/**
 * What an article reports, as structured data: independent decoy reports are
 * written from this by templates, never from the article's sentences.
 */
export interface EventDescription {
  readonly topic: string;
  /** The wire agency of the original ("Northline"). */
  readonly agency: string;
  readonly city: string;
  readonly country: string;
  /** Proper names a spinner must keep and a translation respells (people, places, organisations). */
  readonly names: readonly string[];
  readonly people: readonly EventPerson[];
  /** Public quotations: in the article word for word, and free for any outlet to use. */
  readonly quotes: readonly EventQuote[];
  /** Quotations only other reporters got. */
  readonly decoyQuotes: readonly EventQuote[];
  /** Lead clauses in a decoy's own words. */
  readonly leads: readonly string[];
  readonly facts: readonly EventFact[];
}

/** An original article to derive a family from. */
export interface SeedArticle {
  /** File name without extension ("transport-tram-derailment"). */
  readonly slug: string;
  readonly headline: string;
  /** Byline without "By ". */
  readonly byline: string;
  /** ISO date. */
  readonly date: string;
  /** Body paragraphs; the first is the dateline paragraph "CITY (Agency) — …". */
  readonly paragraphs: readonly string[];
  readonly event: EventDescription;
}

/** Which transformations a family has and how many of each. */
export interface FamilySpec {
  /** Family id, the prefix of its document names ("f007"). */
  readonly id: string;
  /** Verbatim republications; the first is embedded in an aggregator page with other stories. */
  readonly verbatim: number;
  /** Light edits: cuts, a moved paragraph, new headline, a few words, attribution stripped. */
  readonly edited: number;
  /** WordNet synonym-spun copies. */
  readonly spun: number;
  /** Translation-like rewrites (respelled names, function words, word order, formats). */
  readonly translated: number;
  /** Length of the paraphrase chain: 1 = a paraphrase, 3 = paraphrase of a paraphrase of a paraphrase. */
  readonly paraphraseDepth: number;
  /** Independent decoy reports of the same event. */
  readonly decoys: number;
  /**
   * Remove the original from the corpus: its direct copies become siblings of
   * a hidden source. Each sibling drops different paragraphs, so none can be
   * the others' parent.
   */
  readonly hiddenSource: boolean;
  /** Probability that a spun or translated copy is made from an edited copy rather than the original. */
  readonly chainProbability: number;
  /** Share of content words a spinner replaces when it has a synonym (default 0.7). */
  readonly spinRate?: number;
}

/** One file of a family, ready to be written. */
export interface GeneratedDocument {
  /** File name with extension. */
  readonly name: string;
  readonly format: 'txt' | 'html';
  readonly content: string;
  /** The story ids of the page, in page order ("<name without extension>#<n>"). */
  readonly stories: readonly string[];
}

/** A true edge: `child` was made from `parent` (a story id, or "hidden:<family>"). */
export interface TrueRelation {
  readonly parent: string;
  readonly child: string;
  readonly kind: RelationKind;
}

/** A source removed from the corpus, whose copies are its children. */
export interface TrueHidden {
  readonly id: string;
  readonly children: readonly string[];
  /** What was removed (the original's story id had it been written). */
  readonly removed: string;
}

/** Every story of a family with its role, date and text (for tests and error analysis). */
export interface FamilyStory {
  readonly id: string;
  readonly role:
    'original' | 'verbatim' | 'edited' | 'spun' | 'translated' | 'paraphrase' | 'decoy' | 'filler';
  /** ISO date. */
  readonly date: string;
  readonly headline: string;
  readonly paragraphs: readonly string[];
}

/** A family: its documents and the true tree. */
export interface Family {
  readonly id: string;
  /** Slug of the seed article. */
  readonly seed: string;
  readonly topic: string;
  readonly documents: readonly GeneratedDocument[];
  readonly stories: readonly FamilyStory[];
  readonly relations: readonly TrueRelation[];
  /** Pairs reporting the same event without derivation (original or copy — decoy, decoy — decoy). */
  readonly independent: readonly (readonly [string, string])[];
  /** Stories with no parent in the corpus (original or decoys or unrelated page fillers). */
  readonly roots: readonly string[];
  readonly hidden: readonly TrueHidden[];
}

/** The true lineage of a corpus, in the shape of test/fixtures/examples-expected-lineage.json. */
export interface Truth {
  readonly relations: readonly TrueRelation[];
  readonly independent: readonly (readonly [string, string])[];
  readonly roots: readonly string[];
  readonly trees: readonly { readonly root: string; readonly members: readonly string[] }[];
  readonly hidden: readonly TrueHidden[];
  readonly notes: string;
}
