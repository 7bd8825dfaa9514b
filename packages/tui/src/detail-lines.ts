import {
  sanitizeMultiline,
  storyLabel as labelOfStory,
  showInvisible,
  toOneLine,
  type AnalysisResult,
  type Relation,
  type Report,
  type ReportStory,
  type Story,
} from '@stemma/core';
import { descendants, groupLabels, independentKey, type Row } from './forest.js';
import { score, wrap } from './text.js';
import { spansText, wordDiff, wrapSpans, type Span } from './word-diff.js';

/*
 * The detail panel's content as plain lines, computed for a given width so
 * the panel can scroll by line. Every string taken from the result is
 * sanitized here; the components only lay lines out.
 */

export type Tone = 'title' | 'dim' | 'warn' | 'normal';

export type DetailLine =
  | { readonly type: 'text'; readonly text: string; readonly tone: Tone }
  | {
      readonly type: 'pair';
      readonly left: string;
      readonly right: string;
      readonly tone: Tone;
      /** The left column's words marked as kept or removed (word-level difference), when compared. */
      readonly leftSpans?: readonly Span[];
      /** The right column's words marked as kept or added, when compared. */
      readonly rightSpans?: readonly Span[];
    };

export type DetailMode = 'node' | 'independent' | 'warnings' | 'help';

export interface DetailOptions {
  /** Mark changed words with `[-…-]` / `{+…+}` (no colour to show them: NO_COLOR). */
  readonly markers?: boolean;
}

/** Width of each column of a side-by-side pair, given the panel width (" │ " between them). */
export function columnWidth(width: number): number {
  return Math.max(8, Math.floor((width - 3) / 2));
}

const text = (value: string, tone: Tone = 'normal'): DetailLine => ({
  type: 'text',
  text: value,
  tone,
});
const blank: DetailLine = text('');

function wrapped(value: string, width: number, tone: Tone = 'normal', indent = ''): DetailLine[] {
  return wrap(value, width - indent.length).map((line) => text(indent + line, tone));
}

/** Puts two texts side by side, wrapping each into its column. */
function sideBySide(
  left: string,
  right: string,
  width: number,
  tone: Tone = 'normal',
): DetailLine[] {
  const col = columnWidth(width);
  const l = wrap(left, col);
  const r = wrap(right, col);
  return Array.from({ length: Math.max(l.length, r.length) }, (_, i) => ({
    type: 'pair' as const,
    left: l[i] ?? '',
    right: r[i] ?? '',
    tone,
  }));
}

/** Two compared paragraphs side by side, changed words marked. */
function comparedSideBySide(
  parent: string,
  child: string,
  width: number,
  options: DetailOptions,
): DetailLine[] {
  const col = columnWidth(width);
  const diff = wordDiff(parent, child, { markers: options.markers ?? false });
  const l = wrapSpans(diff.parent, col);
  const r = wrapSpans(diff.child, col);
  return Array.from({ length: Math.max(l.length, r.length) }, (_, i) => {
    const leftSpans = l[i] ?? [];
    const rightSpans = r[i] ?? [];
    return {
      type: 'pair' as const,
      left: spansText(leftSpans),
      right: spansText(rightSpans),
      tone: 'normal' as const,
      leftSpans,
      rightSpans,
    };
  });
}

const reportStoryCache = new WeakMap<Report, Map<string, ReportStory>>();

/** The report's entry for a story id (looked up in a map built once per report). */
function reportStory(report: Report, id: string): ReportStory | undefined {
  let map = reportStoryCache.get(report);
  if (map === undefined) {
    map = new Map();
    for (const doc of report.documents) for (const s of doc.stories) map.set(s.id, s);
    reportStoryCache.set(report, map);
  }
  return map.get(id);
}

/**
 * True when the story has paragraphs but the result lacks their text: a
 * saved report opened with `--report` that was made without `--include-text`.
 */
function textMissing(result: AnalysisResult, id: string): boolean {
  const story = result.stories.get(id);
  return (
    (story?.paragraphs.length ?? 0) === 0 &&
    (reportStory(result.report, id)?.paragraphCount ?? 0) > 0
  );
}

/** How many paragraphs the story has, from its text or, without it, from the report. */
function paragraphCount(result: AnalysisResult, id: string): number {
  const story = result.stories.get(id);
  return story && story.paragraphs.length > 0
    ? story.paragraphs.length
    : (reportStory(result.report, id)?.paragraphCount ?? 0);
}

const missingTextNote =
  'Paragraph text is not in this report. To compare paragraphs, make the report with: stemma analyze <paths…> --format json --include-text > report.json';

/** The id, then the story as people name it ("Outlet — Title"), as the tree shows it. */
function storyLabel(id: string, story: Story | undefined): string {
  const label = story ? labelOfStory(story) : '';
  return label === '' || label === id ? toOneLine(id) : `${toOneLine(id)}  ${label}`;
}

function paragraphText(story: Story | undefined, index: number): string {
  const p = story?.paragraphs[index];
  return p ? sanitizeMultiline(p.text) : `(text of paragraph ${index + 1} not available)`;
}

/** Kind and every score of an edge, as one line. */
export function edgeSummary(edge: Relation): string {
  const s = edge.scores;
  return [
    toOneLine(edge.kind),
    `conf ${score(edge.confidence)}`,
    `sem ${score(s.semantic)}`,
    `lex ${score(s.lexical)}`,
    `cov ${score(s.coverage)}`,
    `para ${score(s.paraphrase)}`,
    // Reports written before the extent model have none.
    ...(edge.extent === undefined || edge.pWholly === undefined
      ? []
      : [`${edge.extent} ${score(edge.extent === 'wholly' ? edge.pWholly : 1 - edge.pWholly)}`]),
  ].join(' · ');
}

function edgeLines(
  edge: Relation,
  result: AnalysisResult,
  width: number,
  options: DetailOptions,
): DetailLine[] {
  // A hidden source has no text; its edge's scores were measured against a
  // sibling copy (whose paragraphs the alignment's parent side indexes), shown in its place.
  const standIn =
    edge.parent.startsWith('hidden:') &&
    edge.measuredAgainst !== undefined &&
    result.stories.has(edge.measuredAgainst)
      ? edge.measuredAgainst
      : null;
  const parentHidden = edge.parent.startsWith('hidden:') && standIn === null;
  const sourceId = standIn ?? edge.parent;
  const parent = result.stories.get(sourceId);
  const child = result.stories.get(edge.child);
  const parentName = edge.parent.startsWith('hidden:')
    ? `${toOneLine(edge.parent)} (hidden source)`
    : toOneLine(edge.parent);

  const lines: DetailLine[] = [
    text(`${parentName} → ${toOneLine(edge.child)}`, 'title'),
    text(edgeSummary(edge)),
  ];
  if (edge.evidence.length > 0) {
    lines.push(...wrapped(`why: ${edge.evidence.map(toOneLine).join('; ')}`, width, 'dim'));
  }
  lines.push(blank);
  if (standIn !== null)
    lines.push(
      ...wrapped(
        `${parentName} has no text: its scores were measured against ${toOneLine(standIn)}, shown as the parent.`,
        width,
        'dim',
      ),
    );
  lines.push(
    ...sideBySide(
      parentHidden ? `PARENT ${parentName}` : `PARENT ${storyLabel(sourceId, parent)}`,
      `CHILD ${storyLabel(edge.child, child)}`,
      width,
      'title',
    ),
  );
  const missing =
    textMissing(result, edge.child) || (!parentHidden && textMissing(result, sourceId));
  if (missing) lines.push(...wrapped(missingTextNote, width, 'warn'));
  if (edge.alignment.length === 0) lines.push(text('(no aligned paragraphs)', 'dim'));

  const parentText = (i: number): string =>
    parentHidden ? '(source not in corpus)' : paragraphText(parent, i);
  const pair = (p: number, c: number): DetailLine[] =>
    missing
      ? []
      : parentHidden
        ? sideBySide(parentText(p), paragraphText(child, c), width)
        : comparedSideBySide(parentText(p), paragraphText(child, c), width, options);

  // Walk both stories in order: aligned pairs in the child's order, with the
  // parent paragraphs nothing was aligned to ("cut") and the child's own
  // ("added") shown where they fall, so no paragraph silently vanishes.
  const parentCount = parentHidden ? 0 : paragraphCount(result, sourceId);
  const childCount = paragraphCount(result, edge.child);
  const alignedParents = new Set(edge.alignment.map((a) => a.parentParagraph));
  const alignedChildren = new Set(edge.alignment.map((a) => a.childParagraph));
  let nextParent = 0;
  let nextChild = 0;
  const gapsBefore = (parentLimit: number, childLimit: number): void => {
    for (; nextParent < parentLimit; nextParent++) {
      if (alignedParents.has(nextParent)) continue;
      lines.push(text(`── ¶${nextParent + 1} — cut in the copy`, 'dim'));
      if (!missing) lines.push(...sideBySide(paragraphText(parent, nextParent), '', width));
    }
    for (; nextChild < childLimit; nextChild++) {
      if (alignedChildren.has(nextChild)) continue;
      lines.push(text(`── ¶${nextChild + 1} — added in the copy`, 'dim'));
      if (!missing) lines.push(...sideBySide('', paragraphText(child, nextChild), width));
    }
  };
  const ordered = [...edge.alignment].sort(
    (x, y) => x.childParagraph - y.childParagraph || x.parentParagraph - y.parentParagraph,
  );
  for (const a of ordered) {
    gapsBefore(a.parentParagraph, a.childParagraph);
    const head = parentHidden
      ? `child ¶${a.childParagraph + 1}`
      : `¶${a.parentParagraph + 1} ⇄ ¶${a.childParagraph + 1}`;
    lines.push(text(`── ${head} · sem ${score(a.semantic)} · lex ${score(a.lexical)}`, 'dim'));
    lines.push(...pair(a.parentParagraph, a.childParagraph));
    nextParent = Math.max(nextParent, a.parentParagraph + 1);
    nextChild = Math.max(nextChild, a.childParagraph + 1);
  }
  gapsBefore(parentCount, childCount);
  return lines;
}

function storyLines(
  id: string,
  result: AnalysisResult,
  row: Row & { type: 'node' },
  width: number,
): DetailLine[] {
  const { report } = result;
  const lines: DetailLine[] = [];

  if (row.node.hidden) {
    const hidden = report.hidden.find((h) => h.id === id);
    lines.push(text(`${toOneLine(id)} (hidden source)`, 'title'));
    lines.push(
      ...wrapped(
        `Not in the corpus: inferred from ${(hidden?.children ?? row.node.children.map((c) => c.id)).map(toOneLine).join(', ')}.`,
        width,
      ),
    );
    if (hidden) lines.push(...wrapped(`why: ${toOneLine(hidden.reason)}`, width, 'dim'));
    lines.push(...wrapped('Select a child to compare its paragraphs.', width, 'dim'));
    return lines;
  }

  const story = result.stories.get(id);
  lines.push(...wrapped(storyLabel(id, story), width, 'title'));
  if (story) {
    const meta = [
      story.byline && toOneLine(story.byline),
      story.published && toOneLine(story.published),
      story.source && `source ${toOneLine(story.source)}`,
      `${paragraphCount(result, id)} paragraph${paragraphCount(result, id) === 1 ? '' : 's'}`,
      story.language && `language ${toOneLine(story.language)}`,
      oovOf(report, id),
    ].filter((x): x is string => typeof x === 'string' && x !== '');
    lines.push(text(meta.join(' · '), 'dim'));
    if (story.attribution.length > 0) {
      lines.push(
        ...wrapped(`attribution: ${story.attribution.map(toOneLine).join(' | ')}`, width, 'dim'),
      );
    }
  }

  const pairs = report.independent.filter((p) => p.a === id || p.b === id);
  const below = descendants(row.node);
  if (below > 0) {
    lines.push(text(`Root of a lineage tree: ${below} descendant${below === 1 ? '' : 's'}.`));
  } else if (row.parentKey !== null && !Object.hasOwn(groupLabels, row.parentKey)) {
    lines.push(text('Member of this lineage tree; no direct relation to another member found.'));
  } else if (pairs.length > 0) {
    lines.push(text('No derivation found: independent coverage of the same event.'));
  } else {
    lines.push(text('No relation found: this story stands alone.'));
  }
  for (const pair of pairs) {
    const other = pair.a === id ? pair.b : pair.a;
    lines.push(...wrapped(`Independent of ${toOneLine(other)}: ${toOneLine(pair.reason)}`, width));
  }

  if (story) {
    lines.push(blank);
    if (textMissing(result, id)) lines.push(...wrapped(missingTextNote, width, 'warn'));
    for (const p of story.paragraphs) {
      const label = `¶${p.index + 1} `;
      wrap(sanitizeMultiline(p.text), width - label.length).forEach((line, i) => {
        lines.push(text((i === 0 ? label : ' '.repeat(label.length)) + line));
      });
    }
  }
  return lines;
}

function independentLines(result: AnalysisResult, width: number): DetailLine[] {
  const pairs = result.report.independent;
  const lines: DetailLine[] = [
    text(`Independent pairs (${pairs.length}): same subject, no copying found`, 'title'),
  ];
  if (pairs.length === 0) return [...lines, text('(none)', 'dim')];
  for (const pair of pairs) {
    lines.push(blank);
    lines.push(
      ...sideBySide(
        storyLabel(pair.a, result.stories.get(pair.a)),
        storyLabel(pair.b, result.stories.get(pair.b)),
        width,
      ),
    );
    lines.push(...wrapped(toOneLine(pair.reason), width, 'dim', '  '));
  }
  return lines;
}

function warningLines(warnings: readonly string[], width: number): DetailLine[] {
  const lines: DetailLine[] = [text(`Warnings (${warnings.length})`, 'title')];
  if (warnings.length === 0) return [...lines, text('(none)', 'dim')];
  for (const w of warnings)
    lines.push(...wrapped(`! ${toOneLine(showInvisible(w))}`, width, 'warn'));
  return lines;
}

/** The panel's lines for the selected row (or for the independent/warnings lists). */
export function detailLines(
  mode: DetailMode,
  row: Row | undefined,
  result: AnalysisResult,
  width: number,
  options: DetailOptions = {},
): DetailLine[] {
  if (mode === 'help') return helpLines(width, options);
  if (mode === 'independent') return independentLines(result, width);
  if (mode === 'warnings') return warningLines(result.report.warnings, width);
  if (!row) return [text('Nothing to show: the report has no stories.', 'dim')];
  if (row.type === 'group') {
    const about =
      row.key === independentKey
        ? 'Stories that report an event another story also reports, with no sign that either took from the other.'
        : 'Stories with no detected relation to any other.';
    return [
      text(`${groupLabels[row.key]} (${row.count})`, 'title'),
      ...wrapped(`${about} → or enter expands the group, ← collapses it.`, width),
    ];
  }
  const { edge } = row.node;
  return edge
    ? edgeLines(edge, result, width, options)
    : storyLines(row.node.id, result, row, width);
}

/** "N% of words unknown to the encoder" for a story of the report, when the report says. */
function oovOf(report: Report, id: string): string | null {
  for (const doc of report.documents)
    for (const s of doc.stories)
      if (s.id === id)
        return s.oov === undefined || s.oov === null
          ? null
          : `${Math.round(s.oov * 100)}% of words unknown to the encoder`;
  return null;
}

/** Every key, one line each: [keys, what they do]. */
export const keyHelp: readonly (readonly [string, string])[] = [
  ['↑/↓, Home/End', 'move the selection'],
  ['→ / ←', 'expand / collapse (← on a leaf goes to its parent)'],
  ['enter', 'expand or collapse; back to the story from another panel'],
  ['p / c', 'jump to the parent / the first child'],
  ['j/k, PgDn/PgUp, space', 'scroll the detail panel'],
  ['/', 'search titles, outlets and publishers (enter keeps it, esc clears it)'],
  ['n / N', 'next / previous match'],
  ['f / F', 'filter by kind: all, verbatim, edited, paraphrase, spun, translated'],
  ['+ / -', 'raise / lower the lowest confidence shown, by 0.1'],
  ['i', 'independent pairs (same event, no copying)'],
  ['w', 'warnings about inputs'],
  ['?', 'this help (? or enter closes it)'],
  ['q, ctrl-c', 'quit'],
];

/** What each number on an edge means: [name, range, meaning]. */
export const scoreHelp: readonly (readonly [string, string])[] = [
  [
    'conf',
    "confidence, 0..1 = P(derived) × P(direction): the derivation model's calibrated probability that the child was copied from the parent's text at all, times the direction test's probability that the parent is the one named (an edge to a hidden source carries its sibling edge's confidence, discounted).",
  ],
  [
    'sem',
    "semantic, 0..1: mean cosine similarity of the aligned paragraphs' vectors; how close the meaning is (0 when the encoder knows none of the words).",
  ],
  [
    'lex',
    'lexical, 0..1: mean word overlap of the aligned paragraphs, quotations left out where possible; 1 is word for word.',
  ],
  [
    'cov',
    "coverage, 0..1: the share of the child's words in passages aligned to the parent; low when the copy added much of its own.",
  ],
  [
    'para',
    "paraphrase, 0..1 = P(same meaning): the fitted paraphrase model's probability that an aligned paragraph of the child keeps the meaning of the parent's, averaged by length; near 1 for a verbatim copy or a faithful rewording. It describes the copy; it is not evidence of copying (conf is).",
  ],
  [
    'extent',
    "wholly or partially derived (METER's extent), with the fitted extent model's probability of that verdict: wholly when the child's text comes from the parent (light edits, cuts, rewording allowed), partially when only some of it does.",
  ],
];

function helpLines(width: number, options: DetailOptions): DetailLine[] {
  const lines: DetailLine[] = [text('Keys', 'title')];
  const keyWidth = Math.max(...keyHelp.map(([k]) => k.length)) + 2;
  for (const [keys, what] of keyHelp) {
    wrap(what, width - keyWidth).forEach((line, i) => {
      lines.push(text((i === 0 ? keys.padEnd(keyWidth) : ' '.repeat(keyWidth)) + line));
    });
  }
  lines.push(blank, text('Scores on each edge', 'title'));
  for (const [name, what] of scoreHelp) {
    wrap(what, width - 6).forEach((line, i) => {
      lines.push(text((i === 0 ? name.padEnd(6) : ' '.repeat(6)) + line));
    });
  }
  lines.push(blank, text('Side by side', 'title'));
  lines.push(
    ...wrapped(
      options.markers
        ? 'Words the copy removed are shown [-like this-] on the parent side, words it added {+like this+} on the child side. "¶N — cut in the copy": a parent paragraph nothing in the copy was aligned to; "¶N — added in the copy": a paragraph of the copy with no counterpart in the parent.'
        : 'Words the copy removed are red and struck through on the parent side, words it added green and underlined on the child side. "¶N — cut in the copy": a parent paragraph nothing in the copy was aligned to; "¶N — added in the copy": a paragraph of the copy with no counterpart in the parent.',
      width,
    ),
  );
  return lines;
}
