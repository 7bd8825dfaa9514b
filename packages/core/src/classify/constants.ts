/**
 * The cut-offs of the derivation test and of the kind rules, in one place.
 *
 * Where they come from: set by hand, not fitted. The derivation cut-offs were
 * chosen while building the sentence-level alignment (issue 3) on the
 * Clough-Stevenson development tasks and the synthetic families (seed 2026),
 * and checked on the seed pages and the bundled examples; the kind rules on
 * the bundled examples and the synthetic families. `npm run eval` prints what
 * they score on every set, development and held out.
 *
 * They no longer decide alone: the fitted derivation model decides
 * (P(derived) at its held-out cut, relate.ts), and these rules' verdict is
 * one of its features (stacking: `cascadeRule`, derivation-features.ts), so
 * they also say which alignment explains a verdict. Before that, the
 * fitted derivation model
 * (derivation-model.ts, weights in models/derivation-lr.json: a monotone
 * logistic regression over language-agnostic features) gave each derived
 * relation its calibrated P(derived) (the confidence) only. Its training mixture
 * weighs six strata the same (synthetic families of training seed 1,
 * synthetic decoys against their own family, reuse, Clough, SemEval
 * same-event pairs, other SemEval pairs), each split evenly between its
 * classes, and its cut (`decisionCut`, 0.4) is chosen on held-out folds.
 *
 * The earlier fit linked independent reports of one event (118 of the
 * synthetic set's 200 decoys in a whole eval): the decoys were 7% of one
 * stratum's not-derived pairs, and it read a few aligned sentences and
 * shared words as copying. With the decoy stratum and the prose features
 * (content words outside quotations, names and numbers), a build where
 * the model decided (commit "Let the fitted derivation model decide",
 * reverted after it) linked 4 of the 200 decoys (these rules: 7), kept the
 * seed pages' lineage and the bundled examples, scored Clough derived vs
 * non 91.2% (the same) and multilingual reuse derived vs not 96.8% (94.6%),
 * hidden sources 95.0% (80.0%), synthetic kinds 85.0% (86.9%); but it put
 * a derivation edge in 15 of SemEval's 598 same-event pairs (2.5%; these
 * rules: 10, 1.7%), over the 2% bar, so it does not decide yet. Held out,
 * its Clough leave-one-task-out accuracy is 89.5% (the previous fit 93.0%;
 * task a 89.5% against these rules' 94.7%). Issue 8.
 *
 * A third attempt added spin features (derivation-features.ts: the
 * sentence skeleton a synonym spinner keeps, its frequent words estimated
 * from the pair) with the training families' spun copies weighed against
 * their decoys. Held out it did better on Clough (91.2% leave one task
 * out) and reuse (97.0% leave one language out), but deciding (cut 0.4)
 * it linked 18 of the synthetic set's 200 decoys (these rules: 7), put an
 * edge in 16 of SemEval's 598 pairs (2.7%; these rules: 10), and still
 * called the clickfarm page of test/fixtures/corpus independent (P 0.26):
 * the spin features are computed, not read (eval derivation-fit.ts
 * SPIN_FEATURES), and these rules still decide.
 *
 * A fourth attempt (stacking) gave the model these rules' verdict as a
 * feature (`cascadeRule`), left out the count of aligned units and read the
 * spin features again (derivation-fit.ts says why, with the figures of
 * the variants); cut 0.7 on held-out folds. Deciding, in the eval (npm run
 * eval -- --only semeval2022-task8,synthetic,clough-stevenson,
 * multilingual-reuse,derivation-model; in parentheses these rules alone):
 * SemEval pairs with an edge 7 of 598 (9), independent recall 79.9%
 * (79.5%), multilingual reuse derived vs not 96.3% (94.5%; in sample,
 * 96.2% leave one language out), Clough derived vs non 91.2% (the same; in
 * sample, 89.5% leave one task out, as these rules), synthetic decoys
 * linked 1 of 200 (3), hidden sources 91.7% (76.7%), kinds 91.8% of 1070
 * true edges found (92.5% of 1056); the spun copy of test/fixtures/corpus
 * stays linked (P 0.77), and the two reuse pairs with paragraphs swapped
 * (1623773885, 1640928887: no two aligned units in a row) are now linked.
 */

/** Is an aligned pair derived at all (rather than two reports of one event)? */
export const DERIVATION = {
  /** A derived pair has at least this share of one story's words in aligned units. */
  minCoverage: 0.3,
  /**
   * Content wording (outside quotations, names and numbers aside) aligned
   * units keep on average before the wording alone shows copying. The least
   * any revision in the Clough-Stevenson development set keeps is about 0.45.
   */
  wording: 0.4,
  /** Structure: at least this many aligned units… */
  structuralMinUnits: 4,
  /** …covering this share of one story… */
  structuralCoverage: 0.6,
  /** …and this share of them in order. */
  structuralInOrder: 0.8,
  /** Wording: a run of at least this many aligned units in a row. */
  minRun: 2,
  /** Stories of at most this many units need all of them aligned (with kept wording). */
  shortStoryUnits: 2,
} as const;

/** Which transformation a derived pair shows. */
export const KIND = {
  /** A unit counts as copied unchanged when its wording is kept this much… */
  unchangedUnit: 0.9,
  /** …and the writer's own words outside quotations this much. */
  unchangedOutside: 0.8,
  /** Verbatim: share of the child's words in unchanged units… */
  verbatimUnchanged: 0.95,
  /** …share of the child aligned, and of the parent… */
  verbatimCoverage: 0.9,
  verbatimParentCoverage: 0.9,
  /** …and share of aligned units in order. */
  verbatimInOrder: 0.95,
  /** Edited: at least this share of the child's words unchanged… */
  editedUnchanged: 0.5,
  /**
   * …or at most this share of the parent's aligned words changed or dropped
   * in the word-by-word diff: about one word in twenty, a light edit's
   * handful of changes. Set by hand from that definition, not fitted. It
   * replaces a bar of 0.85 on the units' lexical similarity, which a
   * paraphrase of a paraphrase passes against its grandparent when the
   * second rewrite swaps synonyms back (@stemma/generate's synonym table
   * runs both ways): on the synthetic families of dev seed 31 such pairs
   * change 9–19% of the words, light edits at most 1.1%.
   */
  editedWordsChanged: 0.05,
  /** Translated: at least this many distinct names respelled as by transliteration. */
  translatedNames: 2,
  /** Quotations a pair must hold before their fate decides paraphrase against spun. */
  minQuotations: 2,
  /** Paraphrase: at least this share of quotations kept word for word. */
  paraphraseQuotesKept: 0.7,
  /** Spun: under this share of quotations kept… */
  spunQuotesKept: 0.5,
  /** …or at least this share of changes are in-place content-word swaps… */
  spunInPlace: 0.5,
  /** …with under this share of the changed words function words. */
  spunStopwords: 0.35,
} as const;
