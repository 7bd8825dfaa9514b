/**
 * HTML extraction: Readability finds the main content, a small DOM walk turns
 * it into plain paragraphs. linkedom parses without running scripts or
 * fetching anything, so a page cannot reach the network.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DocMeta } from '../types.js';
import { expectString } from '../args.js';
import { CoreError } from '../errors.js';
import { stripControl, toOneLine } from '../text/sanitize.js';
import { metaDate, readHtmlMeta, type MetaDocument } from './html-meta.js';

/** What {@link extractHtml} returns: an `ExtractedContent` with the page's full metadata. */
export interface HtmlContent {
  readonly text: string;
  readonly meta: DocMeta;
  /** What was read other than as written (markup nested past {@link MAX_DEPTH}), for a warning. */
  readonly notes?: readonly string[];
}

/** The slice of the DOM API the walk needs; linkedom's nodes satisfy it. */
interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}
interface DomElement extends DomNode {
  readonly parentNode: DomElement | null;
  readonly ownerDocument: { createElement(name: string): DomElement };
  textContent: string | null;
  replaceChildren(...nodes: DomElement[]): void;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}
interface DomDocument {
  readonly body: DomElement | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  cloneNode(deep: boolean): unknown;
}

const ELEMENT = 1;
const TEXT = 3;

/** Elements whose content is never article text. */
const SKIP = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'BUTTON',
  'INPUT',
  'SELECT',
  'TEXTAREA',
  'FORM',
  'FIGCAPTION',
  'IMG',
  'PICTURE',
  'VIDEO',
  'AUDIO',
]);
/** Page furniture skipped when Readability gives up and the whole body is walked. */
const FURNITURE = new Set(['NAV', 'HEADER', 'FOOTER', 'ASIDE']);
const PAGE_ROOTS = new Set(['HTML', 'BODY', 'MAIN', 'ARTICLE']);
/** Class, id or label words of page furniture, for the walk without Readability. */
const FURNITURE_NAME =
  /(?:^|[\s_-])(?:ad|ads|advert\w*|share|social|related|newsletter|comments?|promo\w*|sponsor\w*|sidebar|cookie\w*|breadcrumbs?|subscribe)(?:$|[\s_-])/i;
const BLOCK = new Set([
  'ADDRESS',
  'ARTICLE',
  'ASIDE',
  'BLOCKQUOTE',
  'BODY',
  'DD',
  'DETAILS',
  'DIV',
  'DL',
  'DT',
  'FIGURE',
  'FOOTER',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HEADER',
  'HR',
  'LI',
  'MAIN',
  'NAV',
  'OL',
  'P',
  'PRE',
  'SECTION',
  'SUMMARY',
  'TABLE',
  'TBODY',
  'THEAD',
  'TR',
  'UL',
]);
/** Table cells: a row is one line, its cells separated by spaces. */
const CELL = new Set(['TD', 'TH']);
/** Containers that, when made mostly of links, are a link list (related articles, tags, a menu). */
const LIST_LIKE = new Set([
  'UL',
  'OL',
  'DL',
  'DIV',
  'SECTION',
  'ASIDE',
  'NAV',
  'TABLE',
  'FOOTER',
  'HEADER',
]);

/**
 * True for a block whose text is mostly link text and which holds several
 * links: a related-articles box, a tag cloud, a menu. Article text links a
 * few words per sentence; a link list is nothing but links.
 */
export function isLinkList(el: DomElement): boolean {
  const links = Array.from(el.querySelectorAll('a'));
  if (links.length < 3) return false;
  const total = fold(el.textContent ?? '').length;
  if (total === 0) return false;
  const linked = links.reduce((n, a) => n + fold(a.textContent ?? '').length, 0);
  return linked / total >= 0.7;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim();

interface WalkOptions {
  /** Skip nav/header/footer/aside and elements named like furniture (for a walk of the whole page). */
  readonly skipFurniture?: boolean;
  /** Skip blocks made mostly of links (see {@link isLinkList}). */
  readonly dropLinkLists?: boolean;
}

/**
 * Turns a DOM subtree into paragraphs separated by "\n\n". Block elements
 * start new paragraphs, <br> starts a new line, <hr> and each further
 * <article> become a "***" separator line (the segmenter splits stories there).
 */
export function domToText(root: DomNode, opts: WalkOptions = {}): string {
  return domToBlocks(root, opts).blocks.join('\n\n');
}

/** Paragraph blocks of a subtree, and the index of the first block that came from a heading. */
function domToBlocks(root: DomNode, opts: WalkOptions): { blocks: string[]; firstHeading: number } {
  const blocks: string[] = [];
  let firstHeading = -1;
  let lines: string[] = [];
  let current = '';
  let articles = 0;

  const endLine = (): void => {
    const line = fold(current);
    if (line) lines.push(line);
    current = '';
  };
  const endBlock = (): void => {
    endLine();
    if (lines.length > 0) blocks.push(lines.join('\n'));
    lines = [];
  };

  const walk = (node: DomNode): void => {
    if (node.nodeType === TEXT) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT) return;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) return;
    if (opts.skipFurniture) {
      if (FURNITURE.has(name)) return;
      const el = node as DomElement;
      const label = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('aria-label') ?? ''}`;
      // The page's own wrappers carry layout words ("no-sidebar") that say nothing about their content.
      if (!PAGE_ROOTS.has(name) && FURNITURE_NAME.test(label)) return;
    }
    if (opts.dropLinkLists && LIST_LIKE.has(name) && isLinkList(node as DomElement)) return;
    if (CELL.has(name)) current += ' ';
    if (name === 'BR') {
      endLine();
      return;
    }
    if (name === 'HR') {
      endBlock();
      blocks.push('***');
      return;
    }
    const block = BLOCK.has(name);
    if (block) endBlock();
    const heading = /^H[1-6]$/.test(name);
    if (name === 'ARTICLE' && articles++ > 0 && blocks.length > 0 && blocks.at(-1) !== '***')
      blocks.push('***');
    const children = Array.from(node.childNodes);
    // A block holding only inline elements laid out on separate source lines
    // (a "meta" row: byline, <time>, source) keeps one item per line.
    const itemised =
      block &&
      children.filter((c) => c.nodeType === ELEMENT).length >= 2 &&
      children.every((c) => c.nodeType !== TEXT || !(c.textContent ?? '').trim()) &&
      children.some((c) => c.nodeType === TEXT && (c.textContent ?? '').includes('\n'));
    for (const child of children) {
      if (itemised && child.nodeType === ELEMENT && !BLOCK.has(child.nodeName.toUpperCase())) {
        endLine();
        walk(child);
        endLine();
      } else walk(child);
    }
    if (block) endBlock();
    if (heading && firstHeading < 0 && blocks.length > 0) firstHeading = blocks.length - 1;
  };

  walk(root);
  endBlock();
  // Collapse runs of separators and drop leading/trailing ones.
  const out: string[] = [];
  for (const b of blocks)
    if (!(b === '***' && (out.length === 0 || out.at(-1) === '***'))) out.push(b);
  while (out.at(-1) === '***') out.pop();
  const headingText = firstHeading >= 0 ? blocks[firstHeading] : undefined;
  return { blocks: out, firstHeading: headingText === undefined ? -1 : out.indexOf(headingText) };
}

/** What {@link dropsArticles} reads of one <article>, taken before Readability changes the page. */
interface ArticleSummary {
  /** Its paragraphs' text, folded, 40 characters or longer. */
  readonly paragraphs: readonly string[];
  readonly headed: boolean;
}

/** The page's <article>s as {@link dropsArticles} reads them; none when fewer than two. */
function summariseArticles(doc: DomDocument): ArticleSummary[] {
  const articles = Array.from(doc.querySelectorAll('article'));
  if (articles.length < 2) return [];
  return articles.map((a) => ({
    paragraphs: Array.from((a as unknown as DomDocument).querySelectorAll('p'))
      .map((p) => fold(p.textContent ?? ''))
      .filter((t) => t.length >= 40),
    headed: (a as unknown as DomDocument).querySelector('h1, h2, h3') !== null,
  }));
}

/**
 * Readability looks for one article; on a page of several <article>s it may
 * keep only one. True when some article's paragraphs are all missing.
 */
function dropsArticles(articles: readonly ArticleSummary[], blocks: readonly string[]): boolean {
  if (articles.length < 2) return false;
  const kept = blocks.join('\n');
  return articles.some(({ paragraphs: paras, headed }) => {
    // A teaser card has a headline and a summary, a comment a paragraph or
    // two; an article has a headline and paragraphs, or many paragraphs.
    const words = paras.reduce((n, t) => n + t.split(' ').length, 0);
    const article = (headed && paras.length >= 2) || (paras.length >= 3 && words >= 120);
    return article && !paras.some((t) => kept.includes(t));
  });
}

/**
 * Elements nested deeper than this are flattened. Real pages nest to a few
 * dozen levels; Readability's clean-up rescans every ancestor's text, so its
 * cost grows with depth times size (1 000 levels: 35 s), and a recursive walk
 * overflows the stack at about 10 000.
 */
export const MAX_DEPTH = 64;

/**
 * Flattens markup nested past {@link MAX_DEPTH}: each element at that depth
 * keeps its text as one paragraph per block below it, in order, and loses
 * its deeper markup. Iterative, so any depth is read in linear time and
 * bounded stack.
 * @returns the number of elements flattened.
 */
function flattenDeep(root: DomNode): number {
  const deep: DomElement[] = [];
  const stack: Array<[DomNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node.nodeType !== ELEMENT) continue;
    if (depth === MAX_DEPTH) {
      deep.push(node as DomElement);
      continue;
    }
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, depth + 1]);
  }
  for (const el of deep) {
    const paragraphs = blockTexts(el).map((text) => {
      const p = el.ownerDocument.createElement('p');
      p.textContent = text;
      return p;
    });
    el.replaceChildren(...paragraphs);
  }
  return deep.length;
}

/** The text of a subtree, one string per block, without recursion. */
function blockTexts(root: DomNode): string[] {
  const out: string[] = [];
  let current = '';
  const end = (): void => {
    const text = fold(current);
    if (text) out.push(text);
    current = '';
  };
  // Entries are nodes to enter, or null to mark the end of a block.
  const stack: Array<DomNode | null> = [...Array.from(root.childNodes)].reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) {
      end();
      continue;
    }
    if (node.nodeType === TEXT) current += node.textContent ?? '';
    if (node.nodeType !== ELEMENT) continue;
    const name = node.nodeName.toUpperCase();
    if (SKIP.has(name)) continue;
    if (name === 'BR' || BLOCK.has(name)) {
      end();
      stack.push(null);
    } else if (CELL.has(name)) current += ' ';
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  end();
  return out;
}

/**
 * Parses markup with linkedom (no scripts, no network).
 * @throws {CoreError} INPUT_UNSUPPORTED when not even an empty document comes out.
 */
function parse(html: string): DomDocument {
  try {
    // A document without a root element (empty input) gets one, so every later step has a tree.
    const { document } = parseHTML(
      /<html[\s>]/i.test(html) ? html : `<html><body>${html}</body></html>`,
    ) as unknown as {
      document: DomDocument;
    };
    return document;
  } catch (error) {
    throw new CoreError(
      'INPUT_UNSUPPORTED',
      'HTML',
      `markup could not be parsed: ${String(error)}`,
      { cause: error },
    );
  }
}

/**
 * Readability's article with its content as paragraph blocks; null when it
 * finds none or fails on odd markup. Readability changes the document it
 * reads: the caller must not read it afterwards.
 */
function readArticle(document: DomDocument): {
  title?: string | null;
  byline?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
  content?: { blocks: string[]; firstHeading: number } | null;
} | null {
  try {
    const reader = new Readability(document as never, {
      serializer: (node) => domToBlocks(node as unknown as DomNode, { dropLinkLists: true }),
    });
    return reader.parse();
  } catch {
    // The walk over the body below reads what it can.
    return null;
  }
}

/** The page parsed, with markup nested past {@link MAX_DEPTH} flattened. */
function parsePage(html: string): { document: DomDocument; flattened: number } {
  const document = parse(html);
  return { document, flattened: document.body ? flattenDeep(document.body) : 0 };
}

/**
 * What extraction reads of the parsed page: its metadata and <article>s as
 * written, then Readability's article (which changes the tree). The tree is
 * unreachable once this returns.
 */
function readPage(html: string): {
  readonly flattened: number;
  readonly head: ReturnType<typeof readHtmlMeta>;
  readonly pageTitle: string | null;
  readonly hasBody: boolean;
  readonly articles: readonly ArticleSummary[];
  readonly article: ReturnType<typeof readArticle>;
} {
  const { document, flattened } = parsePage(html);
  return {
    flattened,
    head: readHtmlMeta(document as unknown as MetaDocument),
    pageTitle: fold(document.querySelector('title')?.textContent ?? '') || null,
    hasBody: document.body !== null,
    articles: summariseArticles(document),
    // Last: Readability changes the tree the others read.
    article: readArticle(document),
  };
}

/**
 * Extracts the main content and metadata of an HTML page.
 * @throws {CoreError} INPUT_UNSUPPORTED when the markup cannot be parsed at all (the caller turns this into a warning);
 *   INVALID_ARGUMENT when `html` is not a string.
 */
export function extractHtml(html: string): HtmlContent {
  expectString(html, 'extractHtml: html');
  // One tree of the page at a time: Readability reads (and changes) the
  // parsed page itself, after what is read of it unchanged has been taken;
  // the walk without Readability, when needed, parses the page again. A
  // copy of the tree for Readability doubled the peak (100 000 paragraphs:
  // hundreds of megabytes).
  const { flattened, head, pageTitle, hasBody, articles, article } = readPage(html);
  let extracted = article?.content ?? { blocks: [], firstHeading: -1 };
  if (hasBody && (extracted.blocks.length === 0 || dropsArticles(articles, extracted.blocks))) {
    const page = parsePage(html).document;
    extracted = domToBlocks(page.querySelector('main') ?? page.body!, {
      skipFurniture: true,
      dropLinkLists: true,
    });
  }
  const blocks = [...extracted.blocks];

  const byline = fold(article?.byline ?? '') || head.author;
  // Readability removes the byline element it reads; put it back under the
  // first headline so the first story of a multi-story page keeps it.
  if (
    article?.byline &&
    byline &&
    extracted.firstHeading >= 0 &&
    !blocks.some((b) => b.includes(byline))
  ) {
    blocks.splice(extracted.firstHeading + 1, 0, /^by\b/i.test(byline) ? byline : `By ${byline}`);
  }
  // Text from the web may carry terminal escape sequences; none of it is
  // article text, and none of it may reach a terminal downstream.
  const text = stripControl(blocks.join('\n\n'));
  const clean = (value: string | null | undefined): string | null =>
    value ? toOneLine(value) || null : null;

  return {
    text,
    meta: {
      title: clean(fold(article?.title ?? '') || head.headline || pageTitle),
      publisher: clean(fold(article?.siteName ?? '') || head.siteName),
      published: head.published ?? metaDate(article?.publishedTime ?? null),
      byline: clean(byline ? byline.replace(/^by:?\s+/i, '') : null),
      url: clean(head.url),
      modified: head.modified,
      attribution: head.attribution.map(toOneLine).filter(Boolean),
    },
    ...(flattened > 0
      ? { notes: [`markup nested over ${MAX_DEPTH} levels deep, read as plain paragraphs there`] }
      : {}),
  };
}

/**
 * Readability's own text of a page (its `textContent`), without Stemma's
 * clean-up or segmentation: the baseline extraction is measured against.
 * Parsed with linkedom like {@link extractHtml}, so no script runs.
 * @throws when the markup cannot be parsed at all; CoreError INVALID_ARGUMENT when `html` is not a string.
 */
export function readabilityText(html: string): string {
  expectString(html, 'readabilityText: html');
  const document = parse(html);
  try {
    return new Readability(document as never).parse()?.textContent ?? '';
  } catch {
    return '';
  }
}
