import { toOneLine, type AnalysisResult } from '@stemma/core';

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

/** Folds text for matching: one line, lower case. */
export function fold(text: string): string {
  return toOneLine(text).toLowerCase();
}

export function buildSearchIndex(result: AnalysisResult): SearchIndex {
  const index = new Map<string, string>();
  const add = (id: string, parts: readonly (string | null | undefined)[]): void => {
    const text = parts.filter((p): p is string => typeof p === 'string' && p !== '').map(fold);
    index.set(id, [index.get(id), ...text].filter((x) => x !== undefined).join('\n'));
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
    add(id, index.has(id) ? [story.source] : [id, story.title, story.source]);
  }
  return index;
}

/**
 * A test for stories whose searchable text holds `query` (case-insensitive);
 * an empty query matches nothing.
 */
export function matcher(index: SearchIndex, query: string): (id: string) => boolean {
  const q = fold(query).trim();
  if (q === '') return () => false;
  return (id) => (index.get(id) ?? fold(id)).includes(q);
}
