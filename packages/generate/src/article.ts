/**
 * Seed articles: reading the plain-text layout (headline, "By …", date,
 * blank line, paragraphs) with the event description beside it, and writing
 * drafts back in that layout.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { longDate, parseLongDate } from './text.js';
import type { EventDescription, SeedArticle } from './types.js';

/** A story as the transforms pass it along: headline, byline, date and paragraphs. */
export interface Draft {
  readonly headline: string;
  readonly byline: string;
  /** ISO date. */
  readonly date: string;
  readonly paragraphs: readonly string[];
}

/**
 * Reads an article in the plain-text layout of examples/original.txt.
 * @throws Error when the layout is not followed.
 */
export function parseSeedArticle(slug: string, text: string, event: EventDescription): SeedArticle {
  const lines = text.replace(/\r\n?/g, '\n').trim().split('\n');
  const [headline, byline, date] = lines;
  if (headline === undefined || byline === undefined || date === undefined || lines[3] !== '') {
    throw new Error(`${slug}: expected headline, byline, date and a blank line`);
  }
  if (!byline.startsWith('By ')) throw new Error(`${slug}: the second line must start with "By "`);
  const paragraphs = lines
    .slice(4)
    .join('\n')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter((p) => p !== '');
  return {
    slug,
    headline: headline.trim(),
    byline: byline.slice(3).trim(),
    date: parseLongDate(date),
    paragraphs,
    event,
  };
}

/** The folder of the bundled seed articles (the package's articles/, shipped with it). */
export function defaultArticlesDir(): string {
  // Same depth from src/ and dist/.
  return fileURLToPath(new URL('../articles/', import.meta.url));
}

/**
 * Every `<slug>.txt` in `dir` that has a `<slug>.event.json` beside it, in name order.
 * @throws Error when a file cannot be read or parsed.
 */
export function loadSeedArticles(dir: string = defaultArticlesDir()): SeedArticle[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.event.json'))
    .sort()
    .map((f) => {
      const slug = f.slice(0, -'.event.json'.length);
      const event = JSON.parse(readFileSync(join(dir, f), 'utf8')) as EventDescription;
      return parseSeedArticle(slug, readFileSync(join(dir, `${slug}.txt`), 'utf8'), event);
    });
}

/** A draft in the plain-text layout. */
export function draftToText(d: Draft): string {
  return `${d.headline}\nBy ${d.byline}\n${longDate(d.date)}\n\n${d.paragraphs.join('\n\n')}\n`;
}

export function seedDraft(seed: SeedArticle): Draft {
  return {
    headline: seed.headline,
    byline: seed.byline,
    date: seed.date,
    paragraphs: seed.paragraphs,
  };
}
