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
}
