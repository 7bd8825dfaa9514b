/**
 * Who publishes a page and which outlet a story is, in the names people use.
 * Pages rarely carry publisher metadata once scraped, but their text still
 * says it: a byline box ("Harbour Post News Desk"), an author bio ("… lead
 * writer for Harbour Post"), a self-description ("Harbour Post is a news
 * website …") or the site's own address in a footer (a bare "x.example" line).
 * Each rule is about how sites word these things, not about any one site.
 */

import { outletFromDomain, outletName } from './outlets.js';
import { SOURCE_CREDIT_ANYWHERE } from './vocabulary.js';

/** The outlet a page's own text names as its publisher, and how it was found. */
export interface PageSite {
  /** Named in a byline box, author bio or self-description: the site that wrote this copy. */
  readonly named: string | null;
  /** The site's address as its text gives it (a domain or known outlet name); weaker. */
  readonly domain: string | null;
}

/** One to five capitalised words: a name as sites write their own. */
const NAME = String.raw`((?:The\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}\p{N}&'’.-]*){0,4})`;

/** Words that make a desk generic ("News Desk", "Web Desk"): no outlet named. */
const GENERIC_DESK =
  /^(?:the\s+)?(?:news|web|digital|online|staff|editorial|foreign|metro|city|national|international|sports?|business|world|politics|features?)$/i;

/** A byline box naming a desk: "Harbour Post News Desk", "By Harbour Post Web Desk". */
const DESK = new RegExp(String.raw`^(?:[Bb]y\s+)?${NAME}\s+Desk$`, 'u');

/** Words naming a kind of desk rather than the outlet ("… Web Desk"). */
const DESK_KIND = / (?:Web|Digital|Online|Editorial)$/u;

/** The text without the given trailing characters (a loop, not a regex: linear on any input). */
function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** An author bio naming the writer's outlet: "… is the lead writer for Harbour Post." */
const BIO = new RegExp(
  String.raw`\b(?:(?:lead|staff|senior|chief|contributing|political|news|freelance)\s+)?(?:writer|reporter|editor|correspondent|columnist|journalist)\s+(?:for|at|with)\s+${NAME}`,
  'u',
);
/** "… writes for Harbour Post". */
const WRITES_FOR = new RegExp(String.raw`\bwrites\s+for\s+${NAME}`, 'u');

/** A site describing itself: "Harbour Post is the fastest growing news website …". */
const SELF = new RegExp(
  String.raw`^${NAME}\s+is\s+(?:the|a|an)\s+[^.]{0,80}?\b(?:news\s+(?:website|site|portal|outlet|platform|agency)|newspaper|news\s+agency|magazine|broadcaster|radio\s+station)\b`,
  'u',
);

/** Hosts that serve images and scripts for a site, not the site itself. */
const ASSET_HOST = /^(?:img|image|images|cdn|static|media|assets|pics?|i|s)\d*\./i;

const URL_RE = /(?:https?:\/\/|(?<![\w@.])www\.)[^\s"'<>()]+/gi;

/** A host name from a URL, lower-cased, without "www."; null when it is not one. */
function hostOf(url: string): string | null {
  const host = /^(?:[a-z]+:\/\/)?([^/\s?#:]+)/i.exec(url)?.[1]?.toLowerCase().replace(/\.$/, '');
  if (!host || !/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/.test(host)) return null;
  return host.replace(/^www\./, '');
}

/** The words of a name without a trailing sentence stop or possessive. */
function cleanName(name: string): string | null {
  const n = trimEndOf(name.replace(/[’']s$/u, ''), '.,;:')
    .replace(DESK_KIND, '')
    .trim();
  return n.length >= 2 ? n : null;
}

/**
 * What a page's text says about its publisher. `exclude` lists hosts the page
 * credits as its source ("Republished from x.example/…"), which are not its own.
 * @throws never.
 */
export function pageSite(text: string, exclude: readonly string[] = []): PageSite {
  let named: string | null = null;
  const counts = new Map<string, { n: number; bare: boolean; first: number }>();
  const lines = text.split('\n');
  for (const [k, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.length > 600) continue;
    if (named === null && line.length <= 60) {
      const desk = DESK.exec(line)?.[1];
      if (desk && !GENERIC_DESK.test(desk)) named = cleanName(desk);
    }
    if (named === null) {
      const m = BIO.exec(line) ?? WRITES_FOR.exec(line) ?? SELF.exec(line);
      if (m?.[1]) named = cleanName(m[1]);
    }
    for (const url of line.match(URL_RE) ?? []) {
      const host = hostOf(url);
      if (!host || ASSET_HOST.test(host)) continue;
      if (exclude.some((x) => host === x || host.endsWith(`.${x}`))) continue;
      // A bare address on its own line is how a page gives its own site.
      const bare = line === trimEndOf(url, '.,;') && !/\/\S/.test(url.replace(/^\w+:\/\//, ''));
      const c = counts.get(host) ?? { n: 0, bare: false, first: k };
      counts.set(host, { n: c.n + 1, bare: c.bare || bare, first: c.first });
    }
  }
  // Bare addresses first, then the most often given, then the first.
  const best = [...counts.entries()].sort(
    (a, b) => Number(b[1].bare) - Number(a[1].bare) || b[1].n - a[1].n || a[1].first - b[1].first,
  )[0];
  return { named, domain: best ? outletFromDomain(best[0]) : null };
}

/** Hosts named by credit lines ("Republished from x.example/…"), to exclude from a page's own. */
export function creditedHosts(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    const target = SOURCE_CREDIT_ANYWHERE.exec(line)?.[1];
    const host = target ? hostOf(target.trim()) : null;
    if (host) out.push(host);
  }
  return out;
}

/** The display name of the outlet a credit line names ("Republished from reuters.com/…" → "Reuters"). */
export function creditedOutletName(line: string): string | null {
  const target = SOURCE_CREDIT_ANYWHERE.exec(line)?.[1]?.trim();
  if (!target) return null;
  if (/^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+(?:\/\S*)?$/i.test(target))
    return outletFromDomain(target);
  return outletName(target.split(/[,;(|]/)[0]!.trim());
}

export interface StoryOutletInput {
  /** The page's publisher metadata (`DocMeta.publisher`). */
  readonly publisher: string | null;
  readonly site: PageSite;
  /** Whether the page's byline box and bio can be read as this story's (one story, or its byline is the desk). */
  readonly ownsSite: boolean;
  readonly attribution: readonly string[];
  /** The outlet the story's dateline or trailer names (`Story.source`). */
  readonly source: string | null;
}

/**
 * The outlet a story is shown under: the page's publisher (metadata, else its
 * byline box or bio); a story crediting another outlet as "X via <publisher>";
 * else the outlet its dateline or trailer names; else the page's address.
 * @throws never.
 */
export function storyOutlet(input: StoryOutletInput): string | null {
  const meta = input.publisher ? outletName(input.publisher) : null;
  const owner = meta ?? (input.ownsSite ? input.site.named : null);
  const credit = input.attribution.map(creditedOutletName).find((c) => c !== null) ?? null;
  if (credit) {
    const via = owner ?? input.site.domain;
    return via && via.toLowerCase() !== credit.toLowerCase() ? `${credit} via ${via}` : credit;
  }
  return owner ?? input.source ?? input.site.domain;
}
