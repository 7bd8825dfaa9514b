import type { AnalysisResult } from '@stemma/core';

/*
 * What `/` searches: per story, its id, its title, its page's publisher and
 * title, the outlet its attribution names, and the report's `outlet` and
 * `label` fields when the report has them (newer reports may). One
 * lower-cased string per story, built once per result.
 */

/** Story id → the text a search looks in, lower-cased. */
export type SearchIndex = ReadonlyMap<string, string>;

/** A string field of an object, if it has one (fields older reports lack). */
function optionalString(value: object, field: string): string | null {
  const v = (value as Record<string, unknown>)[field];
  return typeof v === 'string' ? v : null;
}

/**
 * Folds text for matching: lower case, runs of whitespace and control
 * characters as one space. Only for comparing; never drawn.
 */
export function fold(text: string): string {
  return text.toLowerCase().replace(/[\s\p{Cc}\p{Cf}]+/gu, ' ');
}

/** Builds the index: one pass over the report's stories, then the result's (for what the report lacks). */
export function buildSearchIndex(result: AnalysisResult): SearchIndex {
  const parts = new Map<string, string[]>();
  const add = (id: string, values: readonly (string | null | undefined)[]): void => {
    let list = parts.get(id);
    if (list === undefined) parts.set(id, (list = []));
    for (const v of values) if (typeof v === 'string' && v !== '') list.push(v);
  };
  for (const doc of result.report.documents) {
    for (const story of doc.stories) {
      add(story.id, [
        story.id,
        story.title,
        doc.publisher,
        doc.title,
        optionalString(story, 'outlet'),
        optionalString(story, 'label'),
      ]);
    }
  }
  for (const [id, story] of result.stories) {
    add(id, parts.has(id) ? [story.source] : [id, story.title, story.source]);
  }
  const index = new Map<string, string>();
  for (const [id, list] of parts) index.set(id, fold(list.join('\n')));
  return index;
}

/**
 * A test for stories whose searchable text holds `query` (case-insensitive);
 * an empty query matches nothing.
 */
export function matcher(index: SearchIndex, query: string): (id: string) => boolean {
  const q = fold(query).trim();
  // Index entries are folded the same way, so a query with two spaces still finds one.
  if (q === '') return () => false;
  return (id) => (index.get(id) ?? fold(id)).includes(q);
}
