import {
  sanitizeMultiline,
  showInvisible,
  toOneLine,
  type AnalysisResult,
  type Relation,
  type Report,
  type Story,
} from '@stemma/core';
import { descendants, groupLabels, independentKey, type Row } from './forest.js';
import { score, wrap } from './text.js';

/*
 * The detail panel's content as plain lines, computed for a given width so
 * the panel can scroll by line. Every string taken from the result is
 * sanitized here; the components only lay lines out.
 */

export type Tone = 'title' | 'dim' | 'warn' | 'normal';

export type DetailLine =
  | { readonly type: 'text'; readonly text: string; readonly tone: Tone }
  | { readonly type: 'pair'; readonly left: string; readonly right: string; readonly tone: Tone };

export type DetailMode = 'node' | 'independent' | 'warnings';

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

function storyLabel(id: string, story: Story | undefined): string {
  const title = toOneLine(story?.title);
  return title === '' ? toOneLine(id) : `${toOneLine(id)}  ${title}`;
}

function paragraphText(story: Story | undefined, index: number): string {
  const p = story?.paragraphs[index];
  return p ? sanitizeMultiline(p.text) : `(paragraph ${index + 1} not available)`;
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
  ].join(' · ');
}

function edgeLines(edge: Relation, result: AnalysisResult, width: number): DetailLine[] {
  const parentHidden = edge.parent.startsWith('hidden:');
  const parent = result.stories.get(edge.parent);
  const child = result.stories.get(edge.child);
  const parentName = parentHidden
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
  lines.push(
    ...sideBySide(
      parentHidden ? `PARENT ${parentName}` : `PARENT ${storyLabel(edge.parent, parent)}`,
      `CHILD ${storyLabel(edge.child, child)}`,
      width,
      'title',
    ),
  );
  if (edge.alignment.length === 0) {
    lines.push(text('(no aligned paragraphs)', 'dim'));
    return lines;
  }
  for (const a of edge.alignment) {
    const head = parentHidden
      ? `child ¶${a.childParagraph + 1}`
      : `¶${a.parentParagraph + 1} ⇄ ¶${a.childParagraph + 1}`;
    lines.push(text(`── ${head} · sem ${score(a.semantic)} · lex ${score(a.lexical)}`, 'dim'));
    lines.push(
      ...sideBySide(
        parentHidden ? '(source not in corpus)' : paragraphText(parent, a.parentParagraph),
        paragraphText(child, a.childParagraph),
        width,
      ),
    );
  }
  // What the child added: paragraphs with no counterpart in the parent.
  const aligned = new Set(edge.alignment.map((a) => a.childParagraph));
  for (const p of child?.paragraphs ?? []) {
    if (aligned.has(p.index)) continue;
    lines.push(text(`── child ¶${p.index + 1} · no counterpart in the parent`, 'dim'));
    lines.push(...sideBySide('', sanitizeMultiline(p.text), width));
  }
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
      `${story.paragraphs.length} paragraph${story.paragraphs.length === 1 ? '' : 's'}`,
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
): DetailLine[] {
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
  return edge ? edgeLines(edge, result, width) : storyLines(row.node.id, result, row, width);
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
