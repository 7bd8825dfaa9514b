/**
 * Assembles the report from what the stages found: the pages and their
 * stories, the lineage and the independent pairs. The last stage, pure.
 */

import { createRequire } from 'node:module';
import type { Forest } from '../lineage/index.js';
import type { EncoderInfo, Report, SegmentedDoc, Story } from '../types.js';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export interface ReportInput {
  readonly docs: readonly SegmentedDoc[];
  /** The lineage and the independent pairs between its trees. */
  readonly forest: Forest;
  readonly encoder: EncoderInfo;
  /** Problems with single inputs that did not stop the run. */
  readonly warnings: readonly string[];
  /** Add each story's paragraphs (`stories[].paragraphs`). */
  readonly includeText?: boolean;
}

/**
 * Builds the report `analyze` returns and `stemma analyze --format json` prints.
 * @throws never.
 */
export function buildReport(input: ReportInput): Report {
  return {
    schemaVersion: 1,
    generator: { name: 'stemma', version: pkg.version },
    encoder: input.encoder,
    documents: input.docs.map((doc) => ({
      id: doc.id,
      path: doc.path,
      title: doc.title,
      publisher: doc.publisher,
      published: doc.published,
      stories: doc.stories.map((s) => ({
        id: s.id,
        title: s.title,
        byline: s.byline,
        published: s.published,
        attribution: [...s.attribution],
        paragraphCount: s.paragraphs.length,
        excerpt: excerpt(s),
        ...(input.includeText ? { paragraphs: s.paragraphs.map((p) => p.text) } : {}),
      })),
    })),
    relations: input.forest.relations,
    independent: input.forest.independent,
    lineage: input.forest.trees,
    hidden: input.forest.hidden,
    warnings: input.warnings,
  };
}

/** The first 200 characters of a story; by code points, so a cut never splits a surrogate pair. */
function excerpt(s: Story): string {
  return Array.from(s.paragraphs.map((p) => p.text).join(' '))
    .slice(0, 200)
    .join('');
}
