/**
 * Page metadata from markup: JSON-LD (schema.org NewsArticle and kin),
 * OpenGraph and article:* meta tags, rel=canonical, and the syndication tags
 * `original-source` / `syndication-source` (Google News). JSON-LD is what
 * publishers fill most carefully, so it wins; meta tags fill the gaps.
 */
import * as chrono from 'chrono-node';

/** The slice of the DOM the reader needs; linkedom's document satisfies it. */
export interface MetaDocument {
  querySelector(
    selector: string,
  ): { getAttribute(name: string): string | null; textContent: string | null } | null;
  querySelectorAll(
    selector: string,
  ): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
}

export interface HtmlMeta {
  readonly headline: string | null;
  readonly siteName: string | null;
  /** ISO YYYY-MM-DD. */
  readonly published: string | null;
  readonly modified: string | null;
  readonly author: string | null;
  readonly url: string | null;
  /** "isBasedOn: …", "original-source: …", "syndication-source: …" lines, as the page declares them. */
  readonly attribution: readonly string[];
}

const ARTICLE_TYPES =
  /^(?:NewsArticle|Article|ReportageNewsArticle|AnalysisNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReviewNewsArticle|BlogPosting|Report|LiveBlogPosting|WebPage)$/;

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();
const pad = (n: number): string => String(n).padStart(2, '0');

/**
 * A date as pages write it in metadata ("2019-11-20T07:00:28Z",
 * "Wed, 20 Nov 2019 07:00:28 GMT", "November 20, 2019"), as YYYY-MM-DD.
 * The calendar date as written is kept (no time-zone shift). Null unless
 * day, month and year are all given.
 */
export function metaDate(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = fold(value);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (ymd) return `${ymd[1]}-${ymd[2]}-${ymd[3]}`;
  const found = chrono.parse(text, new Date(Date.UTC(2000, 0, 1)))[0]?.start;
  if (!found?.isCertain('day') || !found.isCertain('month') || !found.isCertain('year'))
    return null;
  return `${found.get('year')}-${pad(found.get('month') ?? 0)}-${pad(found.get('day') ?? 0)}`;
}

/** A schema.org name: a string, {name}, or a list of them joined. */
function nameOf(value: unknown): string | null {
  if (typeof value === 'string') return fold(value) || null;
  if (Array.isArray(value)) {
    const names = value.map(nameOf).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  if (value && typeof value === 'object') {
    const r = value as Record<string, unknown>;
    return nameOf(r['name']) ?? nameOf(r['@id']);
  }
  return null;
}

/** isBasedOn: a URL, a {url|@id|name} object, or a list. */
function sourcesOf(value: unknown): string[] {
  if (typeof value === 'string') return fold(value) ? [fold(value)] : [];
  if (Array.isArray(value)) return value.flatMap(sourcesOf);
  if (value && typeof value === 'object') {
    const r = value as Record<string, unknown>;
    const s = [r['url'], r['@id'], r['name']].find((v) => typeof v === 'string' && v.trim());
    return typeof s === 'string' ? [fold(s)] : [];
  }
  return [];
}

const isArticle = (r: Record<string, unknown>): boolean => {
  const t = r['@type'];
  return (Array.isArray(t) ? t : [t]).some((x) => typeof x === 'string' && ARTICLE_TYPES.test(x));
};

/** The article objects of every JSON-LD block (top level, lists and @graph), best type first. */
function jsonLdArticles(doc: MetaDocument): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const visit = (value: unknown, depth: number): void => {
    if (depth > 6) return;
    if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const r = value as Record<string, unknown>;
    if (isArticle(r)) out.push(r);
    visit(r['@graph'], depth + 1);
    visit(r['mainEntity'], depth + 1);
  };
  for (const s of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(s.textContent ?? ''), 0);
    } catch {
      // A malformed JSON-LD block is common and says nothing about the article.
    }
  }
  // A WebPage wrapper is the weakest claim about the article.
  return out.sort((a, b) => Number(a['@type'] === 'WebPage') - Number(b['@type'] === 'WebPage'));
}

function metaContent(doc: MetaDocument, selectors: readonly string[]): string | null {
  for (const sel of selectors) {
    const value = doc.querySelector(sel)?.getAttribute('content');
    if (value && fold(value)) return fold(value);
  }
  return null;
}

/** Reads the page's metadata. Never throws: bad JSON-LD or odd tags are passed over. */
export function readHtmlMeta(doc: MetaDocument): HtmlMeta {
  const articles = jsonLdArticles(doc);
  const ld = (key: string): unknown =>
    articles.map((a) => a[key]).find((v) => v !== undefined && v !== null && v !== '');
  const ldString = (key: string): string | null => {
    const v = ld(key);
    return typeof v === 'string' ? fold(v) || null : null;
  };

  const attribution: string[] = [];
  for (const src of sourcesOf(ld('isBasedOn'))) attribution.push(`isBasedOn: ${src}`);
  for (const name of ['original-source', 'syndication-source']) {
    const tags = Array.from(doc.querySelectorAll(`meta[name="${name}"], link[rel="${name}"]`));
    for (const tag of tags) {
      const value = fold(tag.getAttribute('content') ?? tag.getAttribute('href') ?? '');
      if (value) attribution.push(`${name}: ${value}`);
    }
  }

  const canonical = fold(doc.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? '');
  return {
    headline:
      ldString('headline') ??
      metaContent(doc, ['meta[property="og:title"]', 'meta[name="twitter:title"]']),
    siteName:
      nameOf(ld('publisher')) ??
      metaContent(doc, ['meta[property="og:site_name"]', 'meta[name="application-name"]']),
    published:
      metaDate(ldString('datePublished')) ??
      metaDate(
        metaContent(doc, [
          'meta[property="article:published_time"]',
          'meta[name="article:published_time"]',
          'meta[itemprop="datePublished"]',
          'meta[name="date"]',
          'meta[name="pubdate"]',
          'meta[name="dc.date"]',
          'meta[name="DC.date.issued"]',
        ]),
      ),
    modified:
      metaDate(ldString('dateModified')) ??
      metaDate(
        metaContent(doc, [
          'meta[property="article:modified_time"]',
          'meta[property="og:updated_time"]',
        ]),
      ),
    author:
      nameOf(ld('author')) ??
      metaContent(doc, ['meta[name="author"]', 'meta[property="article:author"]']),
    url: canonical || metaContent(doc, ['meta[property="og:url"]']) || ldString('url'),
    attribution: [...new Set(attribution)],
  };
}
