/** What the lineage stage reads and produces. */

import type { DerivedPair, StoryFacts } from '../relate/index.js';
import type { HiddenNode, LineageTree, Relation } from '../types.js';

export interface LineageInput {
  /** Every story id, in report order. */
  readonly storyIds: readonly string[];
  readonly pairs: readonly DerivedPair[];
  readonly facts: ReadonlyMap<string, StoryFacts>;
  /** Paragraph count per story. */
  readonly sizes: ReadonlyMap<string, number>;
  /**
   * Full text per story (headline and paragraphs). When given, families of
   * near-copies are drawn from their variant readings.
   */
  readonly texts?: ReadonlyMap<string, string>;
}

export interface LineageResult {
  readonly relations: readonly Relation[];
  readonly hidden: readonly HiddenNode[];
  readonly trees: readonly LineageTree[];
}

export interface LineageOptions {
  /** Weight of the virtual root's edge: a story with no incoming edge heavier than this is a root (default LINEAGE.rootWeight). */
  readonly rootWeight?: number;
  /**
   * Frequency rank of a word (0 = most common), undefined when unknown: with
   * it, an undated reading tree is also rooted by which side of each swap
   * brought in the rarer word.
   */
  readonly rank?: (word: string) => number | undefined;
}
