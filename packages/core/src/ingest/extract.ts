/**
 * Extraction of one decoded document (HTML → article text, Markdown →
 * paragraphs), the part of reading a document whose time depends on what a
 * page holds. It runs in the read worker ({@link ReadBudget}) and, where that
 * worker cannot be loaded, in-thread; either way the outcome is plain data
 * that crosses threads by structured clone unchanged.
 */
import type { IngestedDoc } from '../types.js';
import { testStall } from '../util/doc-budget.js';
import { extractHtml } from './html.js';
import { extractMarkdown } from './markdown.js';
import type { ExtractedContent } from './types.js';

/** Extracted content, or why the document could not be parsed (an error's one-line detail). */
export type ExtractOutcome =
  { readonly content: ExtractedContent } | { readonly error: string; readonly content?: undefined };

const NO_META: ExtractedContent['meta'] = {
  title: null,
  publisher: null,
  published: null,
  byline: null,
  url: null,
};

/** The one-line detail of an error: its code, else its message's first line. */
export function errorDetail(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code ? `${code}` : (error.message.split('\n')[0] ?? error.message);
  }
  return String(error);
}

/** Formats whose extraction is real work, done under the document's time budget. */
export function needsExtraction(format: IngestedDoc['format']): boolean {
  return format === 'html' || format === 'md';
}

/**
 * Extracts one document's content (plain text is its own content). Test hook:
 * with `STEMMA_TEST_STALL_READ=<text>:<ms>`, extracting an HTML or Markdown
 * document whose subject contains `<text>` spins for `<ms>` first.
 * @throws never: a parse failure is returned as `{ error }`.
 */
export function extractOne(
  subject: string,
  format: IngestedDoc['format'],
  text: string,
): ExtractOutcome {
  if (!needsExtraction(format)) return { content: { text, meta: NO_META } };
  testStall('STEMMA_TEST_STALL_READ', subject);
  try {
    return { content: format === 'html' ? extractHtml(text) : extractMarkdown(text) };
  } catch (error) {
    return { error: errorDetail(error) };
  }
}
