/**
 * The numbers of the index stage.
 *
 * Where they come from: `maxPartners` was set by hand, not fitted, when the
 * synthetic bench first showed every story of an event paired with every
 * other (commit e969398, November 2026): 30 partners bound the alignment
 * work at O(stories × 30) and kept every derived pair of the bundled
 * examples and the seed pages.
 */
export const INDEX = {
  /**
   * Candidate partners aligned per story, strongest first (`maxPartners`).
   * Also the size above which a group of identical bodies is collapsed onto
   * one representative (copies.ts): such a group could never be related all
   * to all within the cap.
   */
  maxPartners: 30,
} as const;
