/**
 * The side-by-side view of one relation in the HTML report: the parent's and
 * the child's paragraphs in aligned rows, word changes marked, synonym swaps
 * paired, quotations marked as kept or altered, and paragraphs without a
 * partner shown as gaps. Pure string building; every piece of page text is
 * escaped here.
 */

import { diffWordsWithSpace, type Change } from 'diff';
import escapeHtml from 'escape-html';
import { expectString } from '../args.js';
import type { AlignedParagraphs } from '../types.js';
import { findQuotations, normalizeQuotation } from '../text/quotes.js';
import { toOneLine } from '../text/sanitize.js';

/** One row of the side-by-side view: paragraph indices on each side. */
export interface CompareRow {
  /** `aligned`: both sides; `cut`: a parent paragraph the copy leaves out; `added`: a child paragraph the source lacks. */
  readonly kind: 'aligned' | 'cut' | 'added';
  readonly parent: readonly number[];
  readonly child: readonly number[];
}

/**
 * Rows in the child's reading order. Aligned paragraphs form connected groups
 * (a paragraph merged from two, or split in two, is one row); each child
 * paragraph without a partner is an `added` row where it stands; each parent
 * paragraph without a partner is a `cut` row placed after the row holding the
 * nearest earlier parent paragraph, so cuts appear where the source had them.
 * Alignment entries outside `0..count-1` are ignored.
 * @throws never.
 */
export function compareRows(
  alignment: readonly AlignedParagraphs[],
  parentCount: number,
  childCount: number,
): CompareRow[] {
  const pairs = alignment.filter(
    (a) =>
      a.parentParagraph >= 0 &&
      a.parentParagraph < parentCount &&
      a.childParagraph >= 0 &&
      a.childParagraph < childCount,
  );
  // Union-find over parent paragraphs (0..P-1) and child paragraphs (P..P+C-1).
  const up = Array.from({ length: parentCount + childCount }, (_, i) => i);
  const find = (i: number): number => {
    while (up[i] !== i) {
      up[i] = up[up[i]!]!;
      i = up[i]!;
    }
    return i;
  };
  for (const a of pairs) up[find(a.parentParagraph)] = find(parentCount + a.childParagraph);

  const groups = new Map<number, { parent: number[]; child: number[] }>();
  const group = (i: number) => {
    const root = find(i);
    let g = groups.get(root);
    if (g === undefined) groups.set(root, (g = { parent: [], child: [] }));
    return g;
  };
  const alignedParent = new Set(pairs.map((a) => a.parentParagraph));
  const alignedChild = new Set(pairs.map((a) => a.childParagraph));
  for (const p of alignedParent) group(p).parent.push(p);
  for (const c of alignedChild) group(parentCount + c).child.push(c);
  for (const g of groups.values()) {
    g.parent.sort((x, y) => x - y);
    g.child.sort((x, y) => x - y);
  }

  const rows: CompareRow[] = [];
  for (let c = 0; c < childCount; c++) {
    if (!alignedChild.has(c)) rows.push({ kind: 'added', parent: [], child: [c] });
    else {
      const g = group(parentCount + c);
      if (g.child[0] === c) rows.push({ kind: 'aligned', parent: g.parent, child: g.child });
    }
  }

  // Cut paragraphs go after the row of the nearest aligned parent paragraph before them.
  const rowOfParent = new Map<number, number>();
  rows.forEach((r, i) => r.parent.forEach((p) => rowOfParent.set(p, i)));
  const before: CompareRow[] = [];
  const after = new Map<number, CompareRow[]>();
  let anchor = -1;
  for (let p = 0; p < parentCount; p++) {
    if (alignedParent.has(p)) {
      anchor = rowOfParent.get(p) ?? -1;
      continue;
    }
    const cut: CompareRow = { kind: 'cut', parent: [p], child: [] };
    if (anchor < 0) before.push(cut);
    else after.set(anchor, [...(after.get(anchor) ?? []), cut]);
  }
  return [...before, ...rows.flatMap((r, i) => [r, ...(after.get(i) ?? [])])];
}

/** A run of one side's text: unchanged, or only on this side; `swap` pairs it with the other side's run. */
export interface WordRun {
  readonly start: number;
  readonly end: number;
  readonly changed: boolean;
  readonly swap: number | null;
}

/** A synonym swap: a removed run directly followed by an added one. */
export interface Swap {
  readonly from: string;
  readonly to: string;
}

/** The word diff of two texts as runs on each side, and the swaps between them. */
export interface WordDiff {
  readonly parent: readonly WordRun[];
  readonly child: readonly WordRun[];
  readonly swaps: readonly Swap[];
}

/** Edit distance, in word and space tokens, past which two texts are not diffed word by word. */
const MAX_EDITS = 1000;

/**
 * Word-level differences of a parent and a child text. `diffWordsWithSpace`
 * rather than `diffWords`: it keeps whitespace as tokens, so each side's runs
 * add up to that side's text exactly (diffWords gives the child's spacing for
 * unchanged runs, which would shift the parent's offsets). A change block
 * (changed words and the spaces between them) that removes and adds words is
 * one swap: the copy put other words in the same place.
 * @throws CoreError INVALID_ARGUMENT when `parent` or `child` is not a string.
 */
export function wordDiff(parent: string, child: string): WordDiff {
  expectString(parent, 'wordDiff: parent');
  expectString(child, 'wordDiff: child');
  // Two long paragraphs with little in common make the diff quadratic: past
  // MAX_EDITS tokens of change, each side is marked changed as a whole.
  const parts = diffWordsWithSpace(parent, child, { maxEditLength: MAX_EDITS });
  if (parts === undefined)
    return {
      parent: [{ start: 0, end: parent.length, changed: true, swap: null }],
      child: [{ start: 0, end: child.length, changed: true, swap: null }],
      swaps: [],
    };
  const p: WordRun[] = [];
  const c: WordRun[] = [];
  const swaps: Swap[] = [];
  let pi = 0;
  let ci = 0;
  const same = (value: string) => {
    p.push({ start: pi, end: (pi += value.length), changed: false, swap: null });
    c.push({ start: ci, end: (ci += value.length), changed: false, swap: null });
  };
  const isSpace = (part: Change | undefined) =>
    part !== undefined && !part.added && !part.removed && /^\s+$/.test(part.value);
  const isChange = (part: Change | undefined) => part !== undefined && (part.added || part.removed);
  for (let k = 0; k < parts.length;) {
    const part = parts[k]!;
    if (!isChange(part)) {
      same(part.value);
      k++;
      continue;
    }
    // The block: changes, and spaces with a change after them.
    let end = k;
    while (isChange(parts[end]) || (isSpace(parts[end]) && isChange(parts[end + 1]))) end++;
    const block = parts.slice(k, end);
    k = end;
    const removed = block
      .filter((x) => !x.added)
      .map((x) => x.value)
      .join('');
    const added = block
      .filter((x) => !x.removed)
      .map((x) => x.value)
      .join('');
    if (block.some((x) => x.removed) && block.some((x) => x.added)) {
      const id = swaps.length;
      swaps.push({ from: removed.trim(), to: added.trim() });
      p.push({ start: pi, end: (pi += removed.length), changed: true, swap: id });
      c.push({ start: ci, end: (ci += added.length), changed: true, swap: id });
      continue;
    }
    for (const x of block) {
      if (x.removed) p.push({ start: pi, end: (pi += x.value.length), changed: true, swap: null });
      else if (x.added)
        c.push({ start: ci, end: (ci += x.value.length), changed: true, swap: null });
      else same(x.value);
    }
  }
  return { parent: p, child: c, swaps };
}

/** A quotation with its marks, and whether the other side quotes the same words. */
interface QuoteSpan {
  readonly start: number;
  readonly end: number;
  readonly kept: boolean;
}

/** Quotations of `text`, each kept when the same words (normalised) appear in `other`. */
function quoteSpans(text: string, other: string): QuoteSpan[] {
  const haystack = ` ${normalizeQuotation(other)} `;
  return findQuotations(text).map((q) => ({
    // Include the quotation marks (one UTF-16 unit each) in the mark.
    start: Math.max(0, q.start - 1),
    end: Math.min(text.length, q.end + 1),
    kept: haystack.includes(` ${normalizeQuotation(q.text)} `),
  }));
}

/**
 * One side's text as HTML: changed runs in `<del>` (parent) or `<ins>`
 * (child), swaps titled with their pair, quotations in `<mark>` classed
 * `q-kept` or `q-altered`. Tags nest properly: a quotation stays open across
 * runs and each run's tag closes inside it.
 */
function markSide(
  text: string,
  runs: readonly WordRun[],
  quotes: readonly QuoteSpan[],
  tag: 'del' | 'ins',
  swaps: readonly Swap[],
): string {
  const cuts = new Set<number>([0, text.length]);
  for (const r of runs) cuts.add(r.start).add(r.end);
  for (const q of quotes) cuts.add(q.start).add(q.end);
  const points = [...cuts].filter((x) => x >= 0 && x <= text.length).sort((x, y) => x - y);
  let out = '';
  let openQuote: QuoteSpan | null = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i]!;
    const b = points[i + 1]!;
    const quote = quotes.find((q) => q.start <= a && a < q.end) ?? null;
    if (quote !== openQuote) {
      if (openQuote !== null) out += '</mark>';
      if (quote !== null)
        out += `<mark class="${quote.kept ? 'q-kept' : 'q-altered'}" title="${
          quote.kept ? 'quotation kept word for word' : 'quotation altered'
        }">`;
      openQuote = quote;
    }
    const run = runs.find((r) => r.start <= a && a < r.end);
    const piece = escapeHtml(text.slice(a, b));
    if (run?.changed !== true) out += piece;
    else if (run.swap !== null) {
      const s = swaps[run.swap]!;
      out += `<${tag} class="swap" title="${escapeHtml(`${s.from} → ${s.to}`)}">${piece}</${tag}>`;
    } else out += `<${tag}>${piece}</${tag}>`;
  }
  if (openQuote !== null) out += '</mark>';
  return out;
}

/** Swaps listed at most per row; the rest are counted. */
const MAX_SWAPS_LISTED = 12;
/** Paragraphs word for word the same, in a row, that fold into one line. */
const MIN_COLLAPSED = 2;

function paragraphNumbers(indices: readonly number[]): string {
  return indices.map((i) => `¶${i + 1}`).join('+');
}

/** Paragraph numbers as ranges: ¶1–¶15, or ¶12, ¶14–¶15. */
function paragraphRanges(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < sorted.length;) {
    let end = k;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    parts.push(end === k ? `¶${sorted[k]! + 1}` : `¶${sorted[k]! + 1}–¶${sorted[end]! + 1}`);
    k = end + 1;
  }
  return parts.join(', ');
}

/**
 * The side-by-side table of one relation, or null when either side's
 * paragraphs are not in the report. `parentName`/`childName` head the columns
 * (already HTML).
 * @throws never.
 */
export function renderComparison(input: {
  readonly alignment: readonly AlignedParagraphs[];
  readonly parent: readonly string[];
  readonly child: readonly string[];
  readonly parentName: string;
  readonly childName: string;
}): string {
  const parent = input.parent.map(toOneLine);
  const child = input.child.map(toOneLine);
  const rows = compareRows(input.alignment, parent.length, child.length);
  const out: string[] = [
    '<table class="compare">',
    `<colgroup><col><col></colgroup><thead><tr><th>Source: ${input.parentName}</th><th>Copy: ${input.childName}</th></tr></thead><tbody>`,
  ];
  // A run of paragraphs the copy carries word for word is one row, its text
  // behind a <details> (no script): a reprint of a long story shows its
  // changes, not pages of identical text.
  let same: { parent: number[]; child: number[]; text: string[] }[] = [];
  const flushSame = () => {
    if (same.length >= MIN_COLLAPSED) {
      const p = same.flatMap((r) => r.parent);
      const c = same.flatMap((r) => r.child);
      const quotes = same.reduce(
        (n, r) => n + r.text.reduce((k, t) => k + quoteSpans(t, t).length, 0),
        0,
      );
      out.push(
        '<tr class="same"><td colspan="2"><details>' +
          `<summary><span class="pno">${paragraphRanges(p)}</span> ↔ <span class="pno">${paragraphRanges(c)}</span>: ` +
          `${same.length} paragraphs word for word the same${quotes > 0 ? `, ${quotes} quotation${quotes === 1 ? '' : 's'} kept` : ''}</summary>` +
          same.map((r) => `<p>${escapeHtml(r.text.join(' '))}</p>`).join('') +
          '</details></td></tr>',
      );
    } else for (const r of same) out.push(...alignedRow(r.parent, r.child));
    same = [];
  };
  const alignedRow = (rowParent: readonly number[], rowChild: readonly number[]): string[] => {
    const p = rowParent.map((i) => parent[i]!).join(' ');
    const c = rowChild.map((i) => child[i]!).join(' ');
    const diff = wordDiff(p, c);
    const pq = quoteSpans(p, c);
    const cq = quoteSpans(c, p);
    const lines = [
      '<tr class="aligned">' +
        `<td><span class="pno">${paragraphNumbers(rowParent)}</span> ${markSide(p, diff.parent, pq, 'del', diff.swaps)}</td>` +
        `<td><span class="pno">${paragraphNumbers(rowChild)}</span> ${markSide(c, diff.child, cq, 'ins', diff.swaps)}</td></tr>`,
    ];
    const notes: string[] = [];
    if (diff.swaps.length > 0) {
      const listed = diff.swaps
        .slice(0, MAX_SWAPS_LISTED)
        .map(
          (s) =>
            `<span class="pair"><del>${escapeHtml(s.from)}</del> → <ins>${escapeHtml(s.to)}</ins></span>`,
        );
      const more = diff.swaps.length - listed.length;
      notes.push(`Swapped: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`);
    }
    if (pq.length > 0) {
      const kept = pq.filter((q) => q.kept).length;
      notes.push(
        `Quotations: ${kept} of ${pq.length} kept word for word` +
          (kept < pq.length ? `, ${pq.length - kept} altered` : ''),
      );
    }
    if (notes.length > 0)
      lines.push(`<tr class="notes"><td colspan="2">${notes.join('<br>')}</td></tr>`);
    return lines;
  };
  for (const row of rows) {
    if (row.kind !== 'cut' && row.kind !== 'added') {
      const p = row.parent.map((i) => parent[i]!);
      const c = row.child.map((i) => child[i]!);
      if (p.join(' ') === c.join(' ')) {
        same.push({ parent: [...row.parent], child: [...row.child], text: p });
        continue;
      }
    }
    flushSame();
    if (row.kind === 'cut') {
      const p = row.parent[0]!;
      out.push(
        `<tr class="gap cut"><td><span class="pno">${paragraphNumbers(row.parent)}</span> <del>${escapeHtml(parent[p]!)}</del></td>` +
          '<td class="gap-note">cut in the copy</td></tr>',
      );
      continue;
    }
    if (row.kind === 'added') {
      const c = row.child[0]!;
      out.push(
        '<tr class="gap added"><td class="gap-note">added: not in the source</td>' +
          `<td><span class="pno">${paragraphNumbers(row.child)}</span> <ins>${escapeHtml(child[c]!)}</ins></td></tr>`,
      );
      continue;
    }
    out.push(...alignedRow(row.parent, row.child));
  }
  flushSame();
  out.push('</tbody></table>');
  return out.join('\n');
}
