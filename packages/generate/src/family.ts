/**
 * generateFamily: from one original article, a family of copies made in
 * documented ways, with the true tree (parent, child and kind of every edge),
 * the roots, the independent pairs and the hidden sources. Everything random
 * comes from the `rng` passed in, so a seed gives the same family byte for byte.
 */

import type { RelationKind } from '@stemma/core';
import { draftToText, seedDraft, type Draft } from './article.js';
import { decoyDraft } from './decoy.js';
import { editDraft } from './edit.js';
import { aggregatorPage, articlePage, fillerStory, OUTLETS, reporterName } from './page.js';
import { paraphraseDraft } from './paraphrase.js';
import { protectedWords, spinDraft } from './spin.js';
import { addDays, between, chance, dayFirstDate, pick, shuffled, type Rng } from './text.js';
import { translateDraft } from './translate.js';
import type {
  Family,
  FamilySpec,
  FamilyStory,
  GeneratedDocument,
  SeedArticle,
  TrueRelation,
} from './types.js';
import { loadWordNet } from './wordnet.js';

type Role = FamilyStory['role'];

/** A story before it has a file: its text, where it goes, and where it came from. */
interface Node {
  readonly key: string;
  readonly role: Role;
  readonly draft: Draft;
  readonly parent: string | null;
  readonly kind: RelationKind | null;
  readonly format: 'txt' | 'html' | 'page';
  readonly outlet: string;
  /** For translated html pages: the date as the page prints it. */
  readonly dateLine?: string;
}

/**
 * Builds a family from `seed` as `spec` asks.
 * @throws Error when the spec asks for something impossible (negative counts).
 */
export function generateFamily(seed: SeedArticle, spec: FamilySpec, rng: Rng): Family {
  for (const k of [
    'verbatim',
    'edited',
    'spun',
    'translated',
    'paraphraseDepth',
    'decoys',
  ] as const) {
    if (!Number.isInteger(spec[k]) || spec[k] < 0)
      throw new Error(`spec.${k} must be a whole number ≥ 0`);
  }
  const wn = loadWordNet();
  const event = seed.event;
  const protect = protectedWords(event.names);
  const nodes: Node[] = [];
  const original = seedDraft(seed);
  const hidden = spec.hiddenSource;
  const byKey = new Map<string, Node>();
  const add = (n: Node): Node => {
    nodes.push(n);
    byKey.set(n.key, n);
    return n;
  };
  const root = add({
    key: 'original',
    role: 'original',
    draft: original,
    parent: null,
    kind: null,
    format: 'txt',
    outlet: event.agency,
  });
  const later = (parent: Node): string => addDays(parent.draft.date, between(rng, 1, 2));

  // Under a hidden source each direct copy cuts one paragraph no sibling cuts,
  // so none of them can be the parent of another.
  const bodyIdx = shuffled(
    rng,
    Array.from({ length: original.paragraphs.length - 2 }, (_, i) => i + 1),
  );
  let ownCut = 0;
  const directCopies =
    spec.edited + spec.spun + spec.translated + (spec.paraphraseDepth > 0 ? 1 : 0);
  const reserved = hidden ? bodyIdx.slice(0, directCopies) : [];
  const cutFor = (parent: Node): number[] =>
    hidden && parent === root ? [bodyIdx[ownCut++ % bodyIdx.length]!] : [];
  const cut = (d: Draft, drop: readonly number[]): Draft =>
    drop.length === 0 ? d : { ...d, paragraphs: d.paragraphs.filter((_, i) => !drop.includes(i)) };

  if (!hidden) {
    for (let i = 0; i < spec.verbatim; i++) {
      const date = addDays(original.date, between(rng, 1, 2));
      add({
        key: `verbatim${i}`,
        role: 'verbatim',
        draft: { ...original, date },
        parent: 'original',
        kind: 'verbatim',
        format: i === 0 ? 'page' : 'html',
        outlet: pick(rng, OUTLETS),
      });
    }
  }
  const edits: Node[] = [];
  for (let i = 0; i < spec.edited; i++) {
    const d = editDraft(original, rng, { event, mustDrop: cutFor(root), keep: reserved });
    edits.push(
      add({
        key: `edited${i}`,
        role: 'edited',
        draft: { ...d, byline: `${pick(rng, OUTLETS)} Staff`, date: later(root) },
        parent: 'original',
        kind: 'edited',
        format: 'txt',
        outlet: pick(rng, OUTLETS),
      }),
    );
  }
  const mechanicalParent = (): Node =>
    edits.length > 0 && chance(rng, spec.chainProbability) ? pick(rng, edits) : root;
  for (let i = 0; i < spec.spun; i++) {
    const parent = mechanicalParent();
    const src = cut(parent.draft, cutFor(parent));
    const { draft } = spinDraft(src, rng, { rate: spec.spinRate ?? 0.7, protect, wordnet: wn });
    const outlet = pick(rng, OUTLETS);
    add({
      key: `spun${i}`,
      role: 'spun',
      draft: {
        ...draft,
        byline: pick(rng, ['Editorial Desk', 'Staff Writer', 'News Team']),
        date: later(parent),
      },
      parent: parent.key,
      kind: 'spun',
      format: chance(rng, 0.5) ? 'html' : 'txt',
      outlet,
    });
  }
  for (let i = 0; i < spec.translated; i++) {
    const parent = mechanicalParent();
    const src = cut(parent.draft, cutFor(parent));
    const t = translateDraft(src, { names: event.names, wordnet: wn, rng });
    const date = later(parent);
    add({
      key: `translated${i}`,
      role: 'translated',
      draft: { headline: t.headline, byline: reporterName(rng), date, paragraphs: t.paragraphs },
      parent: parent.key,
      kind: 'translated',
      format: chance(rng, 0.5) ? 'html' : 'txt',
      outlet: pick(rng, OUTLETS),
      dateLine: dayFirstDate(date),
    });
  }
  let prev = root;
  for (let depth = 0; depth < spec.paraphraseDepth; depth++) {
    const d = paraphraseDraft(cut(prev.draft, cutFor(prev)), rng, { protect, wordnet: wn });
    prev = add({
      key: `paraphrase${depth}`,
      role: 'paraphrase',
      draft: { ...d, byline: reporterName(rng), date: later(prev) },
      parent: prev.key,
      kind: 'paraphrase',
      format: 'txt',
      outlet: pick(rng, OUTLETS),
    });
  }
  for (let i = 0; i < spec.decoys; i++) {
    const outlet = pick(rng, OUTLETS);
    const d = decoyDraft(rng, {
      event,
      outlet,
      byline: reporterName(rng),
      date: addDays(original.date, between(rng, 0, 1)),
      eventDate: original.date,
    });
    add({
      key: `decoy${i}`,
      role: 'decoy',
      draft: d,
      parent: null,
      kind: null,
      format: 'txt',
      outlet,
    });
  }

  // Files: neutral names in shuffled order, so nothing in a name tells what a story is.
  const written = nodes.filter((n) => !(hidden && n === root));
  const order = shuffled(
    rng,
    written.map((_, i) => i),
  );
  const storyId = new Map<string, string>();
  const documents: GeneratedDocument[] = [];
  const stories: FamilyStory[] = [];
  const fillers: string[] = [];
  written.forEach((n, i) => {
    const name = `${spec.id}-${String.fromCharCode(97 + (order[i]! % 26))}${order[i]! >= 26 ? order[i]! : ''}`;
    if (n.format === 'page') {
      const count = between(rng, 1, 2);
      const others = Array.from({ length: count }, () => fillerStory(rng, n.draft.date));
      const at = between(rng, 0, count);
      const pageStories = others.map((o) => ({ draft: o as Draft, outlet: o.outlet }));
      pageStories.splice(at, 0, { draft: n.draft, outlet: n.outlet });
      const ids = pageStories.map((_, k) => `${name}#${k + 1}`);
      storyId.set(n.key, ids[at]!);
      pageStories.forEach((s, k) => {
        if (k === at) return;
        fillers.push(ids[k]!);
        stories.push({
          id: ids[k]!,
          role: 'filler',
          date: s.draft.date,
          headline: s.draft.headline,
          paragraphs: s.draft.paragraphs,
        });
      });
      documents.push({
        name: `${name}.html`,
        format: 'html',
        content: aggregatorPage(rng, n.outlet, n.draft.date, pageStories),
        stories: ids,
      });
    } else {
      storyId.set(n.key, `${name}#1`);
      let content =
        n.format === 'html'
          ? articlePage(rng, n.outlet, { draft: n.draft, outlet: n.outlet }, n.dateLine)
          : draftToText(n.draft);
      if (n.format === 'txt' && n.dateLine !== undefined) {
        const lines = content.split('\n');
        lines[2] = n.dateLine;
        content = lines.join('\n');
      }
      documents.push({
        name: `${name}.${n.format}`,
        format: n.format,
        content,
        stories: [`${name}#1`],
      });
    }
    stories.push({
      id: storyId.get(n.key)!,
      role: n.role,
      date: n.draft.date,
      headline: n.draft.headline,
      paragraphs: n.draft.paragraphs,
    });
  });
  documents.sort((a, b) => a.name.localeCompare(b.name));

  const hiddenId = `hidden:${spec.id}`;
  const idOf = (key: string): string =>
    hidden && key === 'original' ? hiddenId : storyId.get(key)!;
  const relations: TrueRelation[] = nodes
    .filter((n) => n.parent !== null && n.kind !== null)
    .map((n) => ({ parent: idOf(n.parent!), child: idOf(n.key), kind: n.kind! }));
  const members = nodes.filter((n) => n.role !== 'decoy').map((n) => idOf(n.key));
  const decoys = nodes.filter((n) => n.role === 'decoy').map((n) => idOf(n.key));
  const independent: (readonly [string, string])[] = [];
  for (const d of decoys)
    for (const m of members) if (!m.startsWith('hidden:')) independent.push([m, d]);
  for (let i = 0; i < decoys.length; i++)
    for (let j = i + 1; j < decoys.length; j++) independent.push([decoys[i]!, decoys[j]!]);
  return {
    id: spec.id,
    seed: seed.slug,
    topic: event.topic,
    documents,
    stories: stories.sort((a, b) => a.id.localeCompare(b.id)),
    relations,
    independent,
    roots: [...(hidden ? [] : [idOf('original')]), ...decoys, ...fillers].sort(),
    hidden: hidden
      ? [
          {
            id: hiddenId,
            children: relations.filter((r) => r.parent === hiddenId).map((r) => r.child),
            removed: `${spec.id}-original#1`,
          },
        ]
      : [],
  };
}
