/**
 * The multilingual reuse pairs and the corpora they are analysed in: the
 * data the multilingual-reuse eval set scores (sets/multilingual-reuse.ts)
 * and the derivation and extent fits train on (derivation-data.ts,
 * extent-data.ts). Kept apart from the set so that the fits and the set
 * import it, not each other.
 */

import { reuseCorpus, type ReuseArticle, type ReusePair } from '@stemma/generate';
import { parseSemeval, readSemevalFile } from './sets/semeval2022-task8.js';

/** Fixed seed of the generated pairs; changing it changes every figure. */
export const REUSE_SEED = 2208;

/** Source articles per language (each gives up to three pairs). */
export const SOURCES = 40;

/** Pairs per corpus: enough to share the cost of loading the encoder, few enough to keep corpora apart. */
export const PAIRS_PER_CORPUS = 40;

/** Articles with their language and same-event articles (Overall ≤ 2), in file order. */
export function reuseArticles(text: string): ReuseArticle[] {
  const { pairs, articles, overall } = parseSemeval(text);
  const lang = new Map<string, string>();
  const same = new Map<string, string[]>();
  for (const p of pairs) {
    for (const id of [p.a, p.b]) if (!lang.has(id)) lang.set(id, p.lang);
    if ((overall.get(p.id) ?? 9) > 2) continue;
    same.set(p.a, [...(same.get(p.a) ?? []), p.b]);
    same.set(p.b, [...(same.get(p.b) ?? []), p.a]);
  }
  return [...lang].map(([id, l]) => ({
    id,
    lang: l,
    text: articles.get(id) ?? '',
    sameEvent: same.get(id) ?? [],
  }));
}

/** The first `perLang` source articles of each language, with all their pairs. */
export function choosePairs(all: readonly ReusePair[], perLang: number): ReusePair[] {
  const sources = new Map<string, string[]>();
  for (const p of all) {
    const list = sources.get(p.lang) ?? [];
    if (!list.includes(p.source) && list.length < perLang) list.push(p.source);
    sources.set(p.lang, list);
  }
  const chosen = new Set([...sources.values()].flat());
  return all.filter((p) => chosen.has(p.source));
}

/**
 * Packs pairs into corpora, first fit: a pair joins the first corpus that
 * holds none of its `conflicts` ids and has room.
 */
export function packCorpora<T>(
  items: readonly T[],
  conflicts: (item: T) => readonly string[],
  capacity: number,
): T[][] {
  const corpora: { items: T[]; used: Set<string> }[] = [];
  for (const item of items) {
    const ids = conflicts(item);
    let c = corpora.find((k) => k.items.length < capacity && ids.every((id) => !k.used.has(id)));
    if (!c) corpora.push((c = { items: [], used: new Set() }));
    c.items.push(item);
    for (const id of ids) c.used.add(id);
  }
  return corpora.map((c) => c.items);
}

/**
 * The set's pairs (seed REUSE_SEED, the first `perLang` sources of each
 * language) packed into corpora as `run` analyses them; the derivation model
 * (fit-derivation.ts) trains and is scored on the same corpora.
 * @throws Error when the SemEval file cannot be read.
 */
export function reuseCorpora(
  evalDir: string,
  perLang = SOURCES,
): { pairs: ReusePair[]; corpora: ReusePair[][] } {
  const articles = reuseArticles(readSemevalFile(evalDir));
  const pairs = choosePairs(reuseCorpus({ articles, seed: REUSE_SEED }), perLang);
  const sameEvent = new Map(articles.map((a) => [a.id, a.sameEvent]));
  const corpora = packCorpora(
    pairs,
    (p) => [...new Set(p.articles.flatMap((id) => [id, ...(sameEvent.get(id) ?? [])]))],
    PAIRS_PER_CORPUS,
  );
  return { pairs, corpora };
}
