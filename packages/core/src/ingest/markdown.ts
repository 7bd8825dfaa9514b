/**
 * Markdown to plain text: enough of CommonMark for articles saved as .md
 * (headings, emphasis, links, images, lists, quotes, code, front matter).
 * Headings become headline lines; thematic breaks become "***" separator
 * lines, which the segmenter reads as story boundaries.
 */
import { isoDate } from './iso-date.js';
import type { ExtractedContent } from './types.js';

const FRONT_MATTER = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n/;

function frontMatterField(yaml: string, ...keys: readonly string[]): string | null {
  for (const key of keys) {
    const m = new RegExp(`^${key}\\s*:\\s*(.+)$`, 'im').exec(yaml);
    const value = m?.[1]?.trim().replace(/^(["'])(.*)\1$/, '$2');
    if (value) return value;
  }
  return null;
}

/** Inline markup to text: images dropped, links to their text, emphasis and code marks removed. */
function stripInline(line: string): string {
  return line
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^[\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^[\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])([*_])(?=\S)([^*_]*?\S)\2(?=[^\w*]|$)/g, '$1$3')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, '$1')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** Converts Markdown to paragraphs separated by "\n\n", with front-matter metadata. */
export function extractMarkdown(markdown: string): ExtractedContent {
  let source = markdown.replace(/\r\n?/g, '\n');
  let title: string | null = null;
  let published: string | null = null;
  let byline: string | null = null;
  let url: string | null = null;
  const fm = FRONT_MATTER.exec(source);
  if (fm) {
    const yaml = fm[1] ?? '';
    title = frontMatterField(yaml, 'title');
    published = isoDate(frontMatterField(yaml, 'date', 'published'));
    byline = frontMatterField(yaml, 'author', 'byline');
    url = frontMatterField(yaml, 'url', 'canonical');
    source = source.slice(fm[0].length);
  }

  const blocks: string[] = [];
  let para: string[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push(para.join(' '));
    para = [];
  };

  const lines = source.split('\n');
  let fence: string | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const next = lines[i + 1] ?? '';
    if (fence !== null) {
      if (raw.trim().startsWith(fence)) fence = null;
      else if (raw.trim()) para.push(raw.trim());
      else flush();
      continue;
    }
    const fenceOpen = /^\s*(```|~~~)/.exec(raw);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1] ?? '```';
      continue;
    }
    if (!raw.trim()) {
      flush();
      continue;
    }
    // Reference-style link definitions carry no text.
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(raw)) continue;
    if (/^\s{0,3}([*\-_])(\s*\1){2,}\s*$/.test(raw)) {
      flush();
      blocks.push('***');
      continue;
    }
    const atx = /^\s{0,3}#{1,6}\s+(\S[^]*)?$/.exec(raw);
    if (atx) {
      flush();
      // The closing #s and spaces cut by hand: as one pattern they backtrack.
      const text = stripInline(
        (atx[1] ?? '')
          .trimEnd()
          .replace(/(?<!#)#+$/, '')
          .trimEnd(),
      );
      if (text) blocks.push(text);
      continue;
    }
    // Setext heading: a text line underlined with === or ---.
    if (para.length === 0 && /^\s{0,3}(=+|-+)\s*$/.test(next)) {
      const text = stripInline(raw);
      if (text) blocks.push(text);
      i++;
      continue;
    }
    let line = raw.replace(/^\s{0,3}(>\s?)+/, '');
    const item = /^\s*(?:[*+-]|\d{1,9}[.)])\s+/.exec(line);
    if (item) {
      // Each list item is a line of its own.
      flush();
      line = line.slice(item[0].length);
    }
    const text = stripInline(line.replace(/\|/g, ' '));
    if (text) para.push(text);
    if (item) flush();
    // Two trailing spaces or a backslash force a line break.
    if (raw.endsWith('  ') || raw.endsWith('\\')) flush();
  }
  flush();
  return { text: blocks.join('\n\n'), meta: { title, publisher: null, published, byline, url } };
}
