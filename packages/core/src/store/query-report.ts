/** `stemma query`'s answer as JSON or Markdown. */

import { expectArg, rules } from '../args.js';
import { escapeMarkdown, extentText } from '../report/index.js';
import type { QueryMatch, QueryResult } from './types.js';

/**
 * The answer as indented JSON with a trailing newline.
 * @throws CoreError INVALID_ARGUMENT when `result` is not an object.
 */
export function renderQueryJson(result: QueryResult): string {
  expectArg(result, 'renderQueryJson: result', rules.object);
  return `${JSON.stringify(result, null, 2)}\n`;
}

function table(matches: readonly QueryMatch[], who: string): string[] {
  if (matches.length === 0) return [`No stored story ${who}.`, ''];
  const lines = [
    '| # | story | kind | extent | confidence | page story | evidence |',
    '|---|---|---|---|---|---|---|',
  ];
  matches.forEach((m, i) => {
    const name = m.label === m.story ? '' : ` ${escapeMarkdown(m.label)}`;
    lines.push(
      `| ${i + 1} | ${escapeMarkdown(m.story)}${name} | ${m.kind} | ${extentText(m)} | ${m.confidence.toFixed(2)} | ${escapeMarkdown(m.queryStory)} | ${escapeMarkdown(m.evidence.slice(0, 2).join('; '))} |`,
    );
  });
  lines.push('');
  return lines;
}

/**
 * The answer as Markdown: parents, children, then the stored pages considered.
 * @throws CoreError INVALID_ARGUMENT when `result` is not an object.
 */
export function renderQueryMarkdown(result: QueryResult): string {
  expectArg(result, 'renderQueryMarkdown: result', rules.object);
  const page = escapeMarkdown(result.page.path);
  const lines = [`# Where ${page} came from`, ''];
  if (result.alreadyIndexed !== null)
    lines.push(`Already indexed as \`${result.alreadyIndexed}\` (same content).`, '');
  if (result.added) lines.push(`Added to the index as \`${result.page.id}\`.`, '');
  lines.push('## Parents (it derives from)', '', ...table(result.parents, 'is its source'));
  lines.push('## Children (derive from it)', '', ...table(result.children, 'derives from it'));
  lines.push('## Stored pages considered', '');
  if (result.candidates.length === 0) lines.push('None share a paragraph with it.', '');
  else {
    lines.push('| page | exact paragraphs | near paragraphs | best cosine |', '|---|---|---|---|');
    for (const c of result.candidates)
      lines.push(
        `| ${escapeMarkdown(c.docId)} | ${c.exactParagraphs} | ${c.nearParagraphs} | ${c.bestSimilarity.toFixed(3)} |`,
      );
    lines.push('');
  }
  lines.push(`Found in ${result.ms.retrieve} ms, related in ${result.ms.relate} ms.`, '');
  return lines.join('\n');
}
