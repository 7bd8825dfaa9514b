/** Options for {@link segment}. */
export interface SegmentOptions {
  /**
   * A candidate story needs at least this many paragraphs to count as a
   * story (default 2). Shorter fragments are page furniture: teasers,
   * notes, a page's own headline and summary. When no candidate reaches it,
   * the longest one is kept so a one-paragraph page still yields a story.
   */
  readonly minParagraphs?: number;
  /** …and at least this many words (default 40). */
  readonly minWords?: number;
  /**
   * The text comes from markup that was already cleaned structurally (menus
   * and link lists removed): short lines inside a story are its subheads,
   * list items and table rows and are kept as paragraphs, and a story
   * resumes after an inline "Related" box. Default: true for HTML documents.
   */
  readonly structured?: boolean;
  /**
   * Keys (see `lineKey`) of lines known to be furniture from elsewhere, e.g.
   * repeated across unrelated documents of the corpus (`corpusBoilerplate`).
   * Such short lines are dropped; bylines, dates and credits are kept.
   */
  readonly boilerplate?: ReadonlySet<string>;
}
