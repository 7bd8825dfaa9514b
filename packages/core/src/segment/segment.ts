/**
 * Stage 2: a page's text into stories and paragraphs. Pure: the same doc
 * always gives the same result.
 *
 * How a page is read, in order:
 * 1. Lines become units with a kind read from the line alone (lines.ts).
 * 2. Context marks more furniture: author boxes, photo captions under image
 *    links, and menus (runs of short link-like lines).
 * 3. A scan groups units: each run of non-prose lines before a paragraph is
 *    a possible story header. A headline followed by a byline or date (a
 *    "strong" header) starts a new story; a headline followed directly by
 *    prose starts one only where no story is open, and is a subhead
 *    otherwise. "***" rules close a story; end markers ("Related", comment
 *    forms, author boxes) close it and skip the rest of the section.
 * 4. Candidates with fewer than two paragraphs are furniture (teasers, the
 *    page's own headline and summary, notes); what stands before the first
 *    real story gives the page its own title and date.
 */
import { expectArg, expectOptions, rules, shape } from '../args.js';
import type { IngestedDoc, Paragraph, SegmentedDoc } from '../types.js';
import { findDates } from './dates.js';
import {
  endsSentence,
  matchDateline,
  findAuthorBoxes,
  lineKey,
  toUnits,
  type Unit,
} from './lines.js';
import { findKnownOutlet, outletFromDomain, outletName } from './outlets.js';
import { creditedHosts, pageSite, storyOutlet } from './site.js';
import { withStoryFacts, type StoryText } from './story-facts.js';
import type { SegmentOptions } from './types.js';
import { SOURCE_CREDIT_LINE } from './vocabulary.js';

interface MetaEntry {
  readonly unit: Unit;
  /** In the story's header (before its first paragraph) or after paragraphs. */
  readonly where: 'header' | 'trailing';
  /** Set for trailer lines ("<headline> | AP News") and outlet lines under a byline. */
  readonly role?: 'trailer' | 'outlet';
  readonly outlet?: string;
}

interface Draft {
  readonly title: Unit | null;
  readonly strong: boolean;
  /** Opened by prose with no headline before it. */
  readonly implicit: boolean;
  /** Unit index where the story's header (or first paragraph) starts. */
  readonly at: number;
  closed: boolean;
  paragraphs: Unit[];
  meta: MetaEntry[];
  author: string | null;
}

const HEADER_META = new Set(['byline', 'date', 'outlet-date', 'dateline']);
const TITLE_MAX_WORDS = 16;

const norm = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** Separators of a trailer line tried as the end of its headline. */
const TRAILER_SEPARATORS = 32;

/**
 * The outlet named by a trailer line: the story's headline followed by a
 * separator and an outlet ("… - BBC News", "… | AP News", "… — RT …"). Without
 * the headline, only a known outlet after the last separator counts.
 */
export function trailerOutlet(text: string, title: string | null): string | null {
  if (endsSentence(text) && !/\.\.\.$|…$/.test(text)) return null;
  const seps = [...text.matchAll(/(?<!\s)\s+(?:\||–|—|-|::|»)\s+/g)];
  if (seps.length === 0) return null;
  if (title) {
    const t = norm(title);
    // Each separator's head is normalised afresh: a line of thousands of
    // separators would cost their number times its length. The title comes
    // before the first few on any real trailer line.
    for (const sep of seps.slice(0, TRAILER_SEPARATORS)) {
      const head = norm(text.slice(0, sep.index));
      if (
        head &&
        (head === t || (head.length >= 20 && (t.startsWith(head) || head.startsWith(t))))
      ) {
        const tail = text.slice(sep.index + sep[0].length);
        // A long tail is the outlet plus a section name; its first words name the outlet.
        return outletName(tail) ?? tail.split(/\s+/).slice(0, 3).join(' ');
      }
    }
  }
  const last = seps.at(-1);
  if (!last) return null;
  const tail = text.slice(last.index + last[0].length);
  const known = findKnownOutlet(tail);
  return known && outletName(tail) === known && text.slice(0, last.index).split(' ').length >= 3
    ? known
    : null;
}

/**
 * Photo credits at the end of a caption: "Jane Roe/City Hall via AP",
 * "… /Getty Images". Read from the line's last CREDIT_SPAN characters only
 * (creditEnds): over a run of capitalised words it backtracks polynomially.
 * The agency after the slash is at most six words: a paragraph that runs on
 * past a credit in its middle ("… Jane Roe/AP The events of the past week
 * …", a scraped page whose caption joined the text) is not a caption.
 */
/* eslint-disable regexp/no-super-linear-move */
const PHOTO_CREDIT =
  /(?:\p{Lu}[\p{L}.'’-]+(?:\s+\p{Lu}[\p{L}.'’-]+)+\s*\/\s*\p{Lu}[\p{L}\p{N}.&'’-]*(?: [\p{L}\p{N}.&'’-]+){0,5}|\bvia (?:AP|Reuters|AFP|Getty Images)|\bGetty Images|\bShutterstock|\bAFP)\)?$/u;
/* eslint-enable regexp/no-super-linear-move */

/** Longer than any photo credit. */
const CREDIT_SPAN = 300;
const creditEnds = (text: string): boolean =>
  PHOTO_CREDIT.test(text.length > CREDIT_SPAN ? text.slice(-CREDIT_SPAN) : text);

/** Marks furniture that only context reveals: author boxes, captions, menus. */
function markContext(units: Unit[], structured: boolean): Map<number, string> {
  const authors = new Map<number, string>();
  for (const box of findAuthorBoxes(units)) {
    for (let k = box.at; k < box.at + box.length; k++) {
      const u = units[k];
      if (u) u.kind = k === box.at ? 'end' : 'boilerplate';
    }
    authors.set(box.at, box.name);
  }
  units.forEach((u, i) => {
    const prev = units[i - 1];
    const isMeta = HEADER_META.has(u.kind) || u.kind === 'credit';
    // The line right under an image link, in the same block, is its caption.
    if (prev?.kind === 'image' && prev.block === u.block && !isMeta && u.kind !== 'separator')
      u.kind = 'boilerplate';
    else if (
      (u.kind === 'prose' || u.kind === 'headline') &&
      !endsSentence(u.text) &&
      creditEnds(u.text)
    ) {
      u.kind = 'boilerplate';
    }
  });
  // Menus: four or more short link-like lines in a row (furniture between them ignored).
  // In markup, menus are link lists and went with the markup; short lines left are lists and tables.
  if (structured) return authors;
  let run: number[] = [];
  const flush = (): void => {
    if (run.length >= 4) for (const k of run) (units[k] as Unit).kind = 'boilerplate';
    run = [];
  };
  units.forEach((u, i) => {
    if ((u.kind === 'short' || u.kind === 'headline') && u.words <= 6) run.push(i);
    else if (u.kind !== 'boilerplate' && u.kind !== 'image') flush();
  });
  flush();
  return authors;
}

interface Header {
  /** Units before the headline group (a previous story's tail, or page furniture). */
  readonly before: Unit[];
  readonly title: Unit | null;
  /** Units after the headline group: the header's metadata. */
  readonly after: Unit[];
  readonly strong: boolean;
}

/** Reads a run of non-prose units as a header: its last headline group, and the metadata under it. */
function readHeader(run: readonly Unit[]): Header {
  let last = -1;
  run.forEach((u, k) => {
    if (u.kind === 'headline') last = k;
  });
  if (last < 0) return { before: [], title: null, after: [...run], strong: false };
  let first = last;
  while (first > 0 && run[first - 1]?.kind === 'headline') first--;
  const group = run.slice(first, last + 1);
  // A headline is short; a longer line next to it is a standfirst or a summary.
  const title = group.find((u) => u.words <= TITLE_MAX_WORDS) ?? group.at(-1) ?? null;
  const after = run.slice(last + 1);
  return {
    before: run.slice(0, first),
    title,
    after,
    strong: after.some((u) => HEADER_META.has(u.kind)),
  };
}

/** Paragraphs of running text (not the list items and subheads kept from markup). */
const proseCount = (d: Draft): number => d.paragraphs.filter((p) => p.kind === 'prose').length;

/** A short line inside a story's body (subhead, list item, table row), not its metadata or furniture. */
function isBodyLine(u: Unit, story: Draft): boolean {
  if (u.kind !== 'headline' && u.kind !== 'short') return false;
  return trailerOutlet(u.text, story.title?.text ?? null) === null;
}

/** What segment and segmentCorpus take as a document. */
export const docRule = shape(
  { id: rules.string, text: rules.string, meta: rules.object },
  'an ingested document { id, text, meta }',
);

/** The options segment reads. */
export const segmentOptionRules = {
  minParagraphs: rules.nonNegativeInt,
  minWords: rules.nonNegativeInt,
  structured: rules.boolean,
  boilerplate: rules.set,
};

/**
 * Segments one document into stories. Pure; never throws on odd text.
 * @throws {CoreError} INVALID_ARGUMENT when `doc` is not a document or an option has the wrong type.
 */
export function segment(doc: IngestedDoc, opts: SegmentOptions = {}): SegmentedDoc {
  expectArg(doc, 'segment: doc', docRule);
  expectOptions(opts, 'segment: opts', segmentOptionRules);
  return segmentUnits(doc, opts, toUnits(doc.text));
}

/**
 * {@link segment} over the document's lines already read (`toUnits(doc.text)`,
 * which it changes: the lines are its own from here on). The corpus pass
 * reads each document's lines for the boilerplate first and hands them on.
 * @throws never (the arguments are checked by the callers).
 */
export function segmentUnits(doc: IngestedDoc, opts: SegmentOptions, units: Unit[]): SegmentedDoc {
  const minParagraphs = opts.minParagraphs ?? 2;
  const minWords = opts.minWords ?? 40;
  const structured = opts.structured ?? doc.format === 'html';
  if (opts.boilerplate && opts.boilerplate.size > 0) {
    for (const u of units) {
      if (
        (u.kind === 'short' || u.kind === 'headline' || u.kind === 'prose') &&
        opts.boilerplate.has(lineKey(u.text))
      ) {
        u.kind = 'boilerplate';
      }
    }
  }
  const authors = markContext(units, structured);

  const drafts: Draft[] = [];
  /** Page-level metadata: what stands before any story. */
  const pageUnits: Unit[] = [];
  let current: Draft | null = null;
  let run: Unit[] = [];
  let skipping = false;

  const addMeta = (draft: Draft, unit: Unit, where: MetaEntry['where']): void => {
    if (unit.kind === 'headline' || unit.kind === 'prose') {
      const outlet = trailerOutlet(unit.text, draft.title?.text ?? null);
      if (outlet !== null) draft.meta.push({ unit, where, role: 'trailer', outlet });
      // Otherwise a subhead, or a heading with nothing under it: not story text.
      return;
    }
    if (unit.kind === 'short') {
      // A short line right under the byline names the outlet ("WEKU").
      const prev = draft.meta.at(-1);
      const underByline = prev && (prev.unit.kind === 'byline' || prev.role === 'outlet');
      if (
        where === 'header' &&
        underByline &&
        unit.words <= 4 &&
        !draft.meta.some((m) => m.unit.text === unit.text)
      ) {
        draft.meta.push({ unit, where, role: 'outlet', outlet: unit.text });
      }
      return;
    }
    if (HEADER_META.has(unit.kind) || unit.kind === 'credit') draft.meta.push({ unit, where });
  };

  /** Non-prose units after a story's paragraphs: credits, trailers, a closing byline block. */
  const flushTrailing = (atEnd = false): void => {
    const sig = run.filter((u) => u.kind !== 'boilerplate' && u.kind !== 'image');
    run = [];
    const story = current && !current.closed ? current : null;
    // In markup, a list or table closing the article is its text; a line
    // under a one-paragraph teaser before the next rule is not.
    const keepsLines = structured && atEnd && story !== null && proseCount(story) >= minParagraphs;
    if (story) {
      for (const u of sig) {
        if (keepsLines && isBodyLine(u, story)) story.paragraphs.push(u);
        else addMeta(story, u, 'trailing');
      }
    } else if (!current) pageUnits.push(...sig);
  };

  const open = (title: Unit | null, strong: boolean, at: number): Draft => {
    const draft: Draft = {
      title,
      strong,
      implicit: title === null,
      at,
      closed: false,
      paragraphs: [],
      meta: [],
      author: null,
    };
    drafts.push(draft);
    return draft;
  };

  const startParagraph = (index: number): Draft => {
    const sig = run.filter((u) => u.kind !== 'boilerplate' && u.kind !== 'image');
    const runStart = run[0] ? units.indexOf(run[0]) : index;
    run = [];
    // Lines that close the open story ("… | AP News") are not a new headline.
    const prior = current && !current.closed ? current : null;
    if (prior?.title) {
      for (const u of sig) {
        if (u.kind === 'headline' && trailerOutlet(u.text, prior.title.text) !== null)
          u.kind = 'short';
      }
    }
    const header = readHeader(sig);
    const tail = (units_: readonly Unit[]): void => {
      if (prior) for (const u of units_) addMeta(prior, u, 'trailing');
      else if (drafts.length === 0) pageUnits.push(...units_);
    };
    const openWith = (): Draft => {
      tail(header.before);
      const at = header.title ? units.indexOf(header.title) : runStart;
      const draft = open(header.title, header.strong, at);
      for (const u of header.after) {
        // Undated-label dates above a story with no headline are the page's (a date widget).
        if (!header.title && drafts.length === 1 && u.kind === 'date' && !u.date?.labeled)
          pageUnits.push(u);
        else addMeta(draft, u, 'header');
      }
      return draft;
    };
    if (!prior) return openWith();
    if (header.title && header.strong && prior.paragraphs.length > 0) return openWith();
    if (header.title && prior.implicit && prior.paragraphs.length < minParagraphs)
      return openWith();
    // Same story: headlines here are subheads, metadata belongs to it. In
    // markup, the short lines inside a story are its subheads, list items
    // and table rows: story text.
    for (const u of sig) {
      if (structured && prior.paragraphs.length > 0 && isBodyLine(u, prior))
        prior.paragraphs.push(u);
      else addMeta(prior, u, prior.paragraphs.length > 0 ? 'trailing' : 'header');
    }
    return prior;
  };

  /** Kind of the next unit after i that is not furniture. */
  const nextKind = (i: number): Unit['kind'] | null => {
    for (let k = i + 1; k < units.length; k++) {
      const kind = units[k]?.kind;
      if (kind !== 'boilerplate' && kind !== 'image') return kind ?? null;
    }
    return null;
  };
  let skippedSince = -1;
  units.forEach((u, i) => {
    if (skipping) {
      if (u.kind === 'separator' && u.hard) {
        skipping = false;
        if (current) current.closed = true;
        return;
      }
      // In markup a related-links box inside the article went with its links,
      // leaving its heading: the article resumes with prose right under it,
      // or with two paragraphs in a row (teasers alternate headline and summary).
      const resumes =
        structured &&
        u.kind === 'prose' &&
        (units
          .slice(skippedSince + 1, i)
          .every((x) => x.kind === 'boilerplate' || x.kind === 'image') ||
          nextKind(i) === 'prose');
      if (!resumes) return;
      skipping = false;
    }
    switch (u.kind) {
      case 'separator':
        flushTrailing();
        if (u.hard && current) current.closed = true;
        return;
      case 'end':
        if (current && !current.closed && current.paragraphs.length > 0) {
          flushTrailing();
          current.author ??= authors.get(i) ?? null;
          skipping = true;
          skippedSince = i;
        }
        return;
      case 'prose': {
        if (
          current &&
          !current.closed &&
          trailerOutlet(u.text, current.title?.text ?? null) !== null
        ) {
          run.push(u);
          return;
        }
        current = startParagraph(i);
        current.paragraphs.push(u);
        return;
      }
      default:
        run.push(u);
    }
  });
  flushTrailing(true);

  // Keep real stories; fragments are furniture.
  const wordsOf = (d: Draft): number => d.paragraphs.reduce((n, p) => n + p.words, 0);
  let kept = drafts.filter((d) => proseCount(d) >= minParagraphs && wordsOf(d) >= minWords);
  if (kept.length === 0) {
    const best = [...drafts].sort((a, b) => wordsOf(b) - wordsOf(a))[0];
    if (best && best.paragraphs.length > 0) kept = [best];
  }
  const firstAt = kept[0]?.at ?? units.length;

  // The page's own title and date: before the first story, in page order.
  const pageDates: { at: number; iso: string; labeled: boolean }[] = [];
  for (const u of pageUnits) {
    if (u.date) pageDates.push({ at: units.indexOf(u), iso: u.date.iso, labeled: u.date.labeled });
  }
  let pageTitle: string | null = null;
  for (const d of drafts) {
    if (kept.includes(d) || d.at >= firstAt) continue;
    if (d.strong && d.title && pageTitle === null) pageTitle = d.title.text;
    for (const m of d.meta) {
      if (m.where === 'header' && m.unit.date)
        pageDates.push({
          at: units.indexOf(m.unit),
          iso: m.unit.date.iso,
          labeled: m.unit.date.labeled,
        });
    }
  }
  pageDates.sort((a, b) => a.at - b.at);
  const pageDate = pageDates[0] ?? null;

  const stories = kept.map((d, k) => buildStory(doc, d, k + 1));
  if (stories.length === 1 && stories[0]) {
    // One story on the page: what the page says about "the article" is about it.
    const only = stories[0];
    const labeledPageDate = pageDates.find((p) => p.labeled)?.iso ?? null;
    stories[0] = {
      ...only,
      title: only.title ?? doc.meta.title,
      byline: only.byline ?? doc.meta.byline,
      published: only.published ?? labeledPageDate ?? doc.meta.published,
      ...declaredSources(only, doc.meta.attribution ?? []),
    };
  }

  // The page's own outlet as its text names it; hosts it credits are not its own.
  const site = pageSite(doc.text, creditedHosts(stories.flatMap((st) => st.attribution)));
  const outletOf = (st: StoryText): string | null =>
    storyOutlet({
      publisher: doc.meta.publisher,
      site,
      ownsSite:
        stories.length === 1 ||
        (site.named !== null && st.byline !== null && st.byline.startsWith(site.named)),
      attribution: st.attribution,
      source: st.source,
    });
  return {
    id: doc.id,
    path: doc.path,
    title:
      doc.meta.title ?? pageTitle ?? (stories.length === 1 ? (stories[0]?.title ?? null) : null),
    publisher: doc.meta.publisher ?? site.named ?? site.domain,
    published: doc.meta.published ?? pageDate?.iso ?? null,
    stories: stories.map((st) => ({
      ...withStoryFacts(st, doc.meta.publisher),
      outlet: outletOf(st),
    })),
  };
}

/**
 * Sources the page's metadata declares ("isBasedOn: https://…",
 * "original-source: …") join the story's attribution; the first names its
 * source when the text itself names none.
 */
function declaredSources(
  story: StoryText,
  declared: readonly string[],
): Pick<StoryText, 'attribution' | 'source'> {
  if (declared.length === 0) return { attribution: story.attribution, source: story.source };
  let source = story.source;
  for (const line of declared) {
    if (source) break;
    const value = line.slice(line.indexOf(':') + 1).trim();
    source = /^(?:https?:)?\/\//i.test(value)
      ? outletFromDomain(value)
      : (findKnownOutlet(value) ?? outletName(value));
  }
  return { attribution: [...new Set([...story.attribution, ...declared])], source };
}

/** Ranks of the ways a story names its source; lower wins. */
const SOURCE_RANK = {
  dateline: 0,
  declared: 1,
  trailer: 2,
  'outlet-date': 3,
  credit: 4,
  outlet: 5,
} as const;

function buildStory(doc: IngestedDoc, d: Draft, n: number): StoryText {
  const attribution: { at: number; text: string }[] = [];
  const sources: { rank: number; at: number; name: string }[] = [];
  const addSource = (rank: number, at: number, name: string | null): void => {
    if (name) sources.push({ rank, at, name });
  };

  let byline: string | null = null;
  let published: string | null = null;
  for (const m of d.meta) {
    const u = m.unit;
    if (u.kind === 'byline' && u.names) {
      byline ??= u.names;
      if (m.where === 'trailing') attribution.push({ at: u.start, text: u.text });
    } else if (u.kind === 'date' && u.date) {
      if (m.where === 'header' || u.date.labeled) published ??= u.date.iso;
      if (m.where === 'trailing' && u.date.labeled) attribution.push({ at: u.start, text: u.text });
    } else if (u.kind === 'outlet-date' && u.date) {
      published ??= u.date.iso;
      attribution.push({ at: u.start, text: u.text });
      addSource(SOURCE_RANK['outlet-date'], u.start, outletName(u.outlet ?? ''));
    } else if (u.kind === 'dateline') {
      if (u.agency) {
        attribution.push({ at: u.start, text: u.text });
        addSource(SOURCE_RANK.dateline, u.start, outletName(u.agency));
      }
    } else if (u.kind === 'credit') {
      attribution.push({ at: u.start, text: u.text });
      const declared = SOURCE_CREDIT_LINE.exec(u.text)?.[1];
      if (declared) {
        const domain = /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i.test(declared)
          ? outletFromDomain(declared)
          : null;
        addSource(
          SOURCE_RANK.declared,
          u.start,
          domain ?? findKnownOutlet(declared) ?? outletName(declared),
        );
      } else addSource(SOURCE_RANK.credit, u.start, findKnownOutlet(u.text));
    } else if (m.role === 'trailer') {
      attribution.push({ at: u.start, text: u.text });
      addSource(SOURCE_RANK.trailer, u.start, m.outlet ?? null);
    } else if (m.role === 'outlet') {
      attribution.push({ at: u.start, text: u.text });
      addSource(SOURCE_RANK.outlet, u.start, outletName(u.text));
    }
  }

  const paragraphs: Paragraph[] = d.paragraphs.map((u, index) => ({
    index,
    text: u.text,
    start: u.start,
    end: u.end,
  }));
  // A dateline opening the first paragraph stays in its text; its agency is attribution.
  const lead = d.paragraphs[0];
  const dateline = lead ? matchDateline(lead.text) : null;
  const agency = dateline?.[1] ?? dateline?.[2];
  if (lead && dateline && agency) {
    attribution.push({ at: lead.start, text: dateline[0] });
    addSource(SOURCE_RANK.dateline, lead.start, outletName(agency));
  }
  // A dateline may carry the story's date: "PORT SALEN, March 14, 2024 (Harbour Wire) —".
  if (lead && dateline) published ??= findDates(dateline[0])[0]?.iso ?? null;

  attribution.sort((a, b) => a.at - b.at);
  sources.sort((a, b) => a.rank - b.rank || a.at - b.at);
  // "Valley Ledger Farming & Rural Affairs" (a trailer with a section name)
  // and "Valley Ledger, March 11" name one outlet: keep the shorter name.
  let source = sources[0]?.name ?? null;
  for (const s of sources) if (source && source.startsWith(`${s.name} `)) source = s.name;
  return {
    id: `${doc.id}#${n}`,
    docId: doc.id,
    title: d.title?.text ?? null,
    byline: byline ?? d.author,
    published,
    attribution: [...new Set(attribution.map((a) => a.text))],
    source,
    paragraphs,
  };
}
