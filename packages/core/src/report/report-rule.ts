import type { Rule } from '../args.js';

const lists = ['documents', 'relations', 'independent', 'hidden'] as const;

/**
 * What the renderers take: a report, recognised by its four lists (an
 * AnalysisResult or a report's JSON text is refused, not rendered as empty).
 */
export const reportRule: Rule = {
  expected: 'a report (an object with documents, relations, independent and hidden arrays)',
  test: (v) =>
    typeof v === 'object' &&
    v !== null &&
    lists.every((key) => Array.isArray((v as Record<string, unknown>)[key])),
};
