import type { ReportStory } from '../types.js';

/** `1 word`, `n words` (or `n many`). */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/**
 * The facts listed after a story's title in the Markdown and HTML reports, as
 * plain (unescaped) strings: byline, date, length, language and how much of it
 * the encoder knows.
 */
export function storyFacts(s: ReportStory): string[] {
  const facts = [s.byline, s.published].filter((v): v is string => v !== null);
  facts.push(plural(s.paragraphCount, 'paragraph'));
  if (s.language !== undefined && s.language !== null) facts.push(`language ${s.language}`);
  if (s.oov !== undefined && s.oov !== null)
    facts.push(`${Math.round(s.oov * 100)}% of words unknown to the encoder`);
  return facts;
}
