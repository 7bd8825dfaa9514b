import { expectArg, expectOptions, expectString, rules } from '../args.js';
import type { Report } from '../types.js';
import {
  buildForest,
  extentText,
  indexReport,
  score,
  unlinkedStories,
  type ForestNode,
  type ReportIndex,
} from './forest.js';
import { toOneLine } from '../text/sanitize.js';
import { labelOf, reportNames, type ReportNames } from './label.js';
import { reportRule } from './report-rule.js';
import { plural, storyFacts } from './story-facts.js';

export interface MarkdownOptions {
  /** Heading of the report; default "Stemma report". */
  readonly title?: string;
}

/**
 * Makes a value from a scraped page safe to place inline in Markdown: one
 * line, no control characters, nothing that starts markup. Inline markup
 * characters are backslash-escaped; `<`, `>` and entity-like `&` become
 * entities so raw HTML (`<script>`) never reaches a renderer that allows it;
 * a leading `#`, `-`, `+`, `=` or `1.` cannot start a block (values often
 * follow a list marker, where `- # x` would make a heading).
 * @throws {CoreError} INVALID_ARGUMENT when `value` is not a string.
 */
export function escapeMarkdown(value: string): string {
  expectString(value, 'escapeMarkdown: value');
  return toOneLine(value)
    .replace(/[\\`*_{}[\]|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2');
}

const kindArrow = '←';

function quoted(title: string | null): string {
  return title === null || title.trim() === '' ? '' : ` "${escapeMarkdown(title)}"`;
}

function nodeLabel(id: string, index: ReportIndex, names: ReportNames): string {
  const hidden = index.hidden.get(id);
  if (hidden !== undefined) return `${escapeMarkdown(id)} (inferred source, not in the corpus)`;
  return escapeMarkdown(names.label(id));
}

function treeLines(
  node: ForestNode,
  depth: number,
  index: ReportIndex,
  names: ReportNames,
  lines: string[],
): void {
  const indent = '  '.repeat(depth);
  let line: string;
  if (node.via === null) {
    line =
      depth === 0
        ? nodeLabel(node.id, index, names)
        : `${nodeLabel(node.id, index, names)} (member, no direct relation)`;
  } else {
    const { kind, confidence, scores } = node.via;
    line =
      `${node.seen ? escapeMarkdown(names.short(node.id)) : nodeLabel(node.id, index, names)} ${kindArrow} ` +
      `${escapeMarkdown(kind)}, paraphrase ${score(scores.paraphrase)}, confidence ${score(confidence)}` +
      (node.seen ? ' (also listed above)' : '');
  }
  lines.push(`${indent}- ${line}`);
  for (const child of node.children) treeLines(child, depth + 1, index, names, lines);
}

/** What each score in the relations table is, with its range; one legend for all Markdown reports. */
export const SCORE_LEGEND: readonly string[] = [
  '**Confidence** (0–1): P(derived) × P(direction), the calibrated probability that the child was copied from the text of the parent, times the probability that the direction is right.',
  "**Semantic** (0–1): mean cosine similarity of the aligned paragraphs' vectors, how close in meaning.",
  '**Lexical** (0–1): mean word overlap of the aligned paragraphs, quotations left out, how close in wording.',
  "**Coverage** (0–1): share of the child's words in paragraphs aligned to the parent, how much of it was taken.",
  "**Paraphrase** (0–1): P(same meaning), the fitted paraphrase model's probability that an aligned paragraph of the child keeps the meaning of the parent's, averaged by length: near 1 for a verbatim copy or a faithful rewording, lower where the copy changes what is said. It describes the copy, it is not evidence of copying.",
  "**Extent**: wholly or partially derived, METER's way (wholly: the child's text comes from the parent, light edits allowed; partially: some of it does, the rest is the writer's own or from elsewhere), from the fitted extent model over the reused passages and sentences; p is the model's probability of that verdict.",
  'An edge from an inferred source has no text to measure: its scores are measured against a sibling copy, named under Evidence.',
];

/**
 * Renders a report as GitHub-flavoured Markdown: summary, lineage forest as an
 * indented list, a table of relations, independent pairs, inferred sources,
 * documents and warnings. Every value taken from the inputs goes through
 * {@link escapeMarkdown}.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report or `options.title` not a string.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  expectArg(report, 'renderMarkdown: report', reportRule);
  expectOptions(options, 'renderMarkdown: options', { title: rules.string });
  const index = indexReport(report);
  const names = reportNames(report);
  const e = escapeMarkdown;
  /** A node's short name, escaped. */
  const n = (id: string): string => e(names.short(id));
  /** Running text with story ids named, escaped. */
  const t = (value: string): string => e(names.text(value));
  const out: string[] = [];

  out.push(`# ${e(options.title ?? 'Stemma report')}`, '');
  out.push(
    `**Summary:** ${plural(report.documents.length, 'document')}, ${plural(index.storyCount, 'story', 'stories')}, ` +
      `${plural(report.relations.length, 'relation')}, ${plural(report.independent.length, 'independent pair')}, ` +
      `${plural(report.hidden.length, 'inferred source')}.`,
    '',
    `**Encoder:** ${e(report.encoder.name)} (${report.encoder.dimensions} dimensions, backend ${e(report.encoder.backend)}). ` +
      `**Generator:** ${e(report.generator.name)} ${e(report.generator.version)}.`,
    '',
  );

  out.push('## Lineage', '');
  const forest = buildForest(report);
  if (forest.length === 0) out.push('No story was found to derive from another.', '');
  else {
    for (const tree of forest) treeLines(tree, 0, index, names, out);
    out.push('');
  }
  const alone = unlinkedStories(report);
  if (alone.length > 0)
    out.push(`Stories with no relation: ${alone.map((id) => e(names.label(id))).join('; ')}.`, '');

  if (report.relations.length > 0) {
    out.push(
      '## Relations',
      '',
      '| Parent | Child | Kind | Confidence | Semantic | Lexical | Coverage | Paraphrase | Extent |',
      '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const r of report.relations) {
      const s = r.scores;
      out.push(
        `| ${n(r.parent)} | ${n(r.child)} | ${e(r.kind)} | ${score(r.confidence)} | ${score(s.semantic)} | ` +
          `${score(s.lexical)} | ${score(s.coverage)} | ${score(s.paraphrase)} | ${e(extentText(r))} |`,
      );
    }
    out.push('', ...SCORE_LEGEND.map((line) => `- ${line}`), '');
    const withEvidence = report.relations.filter(
      (r) => r.evidence.length > 0 || r.measuredAgainst !== undefined,
    );
    if (withEvidence.length > 0) {
      out.push('### Evidence', '');
      for (const r of withEvidence) {
        const against =
          r.measuredAgainst === undefined
            ? []
            : [`scores measured against ${e(names.label(r.measuredAgainst))}`];
        out.push(
          `- ${n(r.parent)} → ${n(r.child)}: ${[...against, ...r.evidence.map(t)].join('; ')}`,
        );
      }
      out.push('');
    }
  }

  if (report.independent.length > 0) {
    out.push('## Independent pairs', '');
    for (const p of report.independent) out.push(`- ${n(p.a)} ↔ ${n(p.b)}: ${t(p.reason)}`);
    out.push('');
  }

  const quotations = report.quotations ?? [];
  if (quotations.length > 0) {
    out.push('## Shared quotations', '');
    for (const q of quotations) {
      out.push(
        `- “${e(q.text)}” — ${plural(q.stories.length, 'story', 'stories')}: ${q.stories.map(n).join(', ')}`,
      );
      if (q.variants.length > 0)
        out.push(`  - Also worded: ${q.variants.map((v) => `“${e(v)}”`).join('; ')}`);
    }
    out.push('');
  }

  if (report.hidden.length > 0) {
    out.push('## Inferred sources', '');
    for (const h of report.hidden)
      out.push(`- ${e(h.id)} → ${h.children.map(n).join(', ')}: ${t(h.reason)}`);
    out.push('');
  }

  out.push('## Documents', '');
  for (const doc of report.documents) {
    const meta = [doc.publisher, doc.published].filter((v): v is string => v !== null).map(e);
    out.push(
      `- **${e(doc.id)}**${quoted(doc.title)} (${e(doc.path)})${meta.length > 0 ? ` — ${meta.join(', ')}` : ''}`,
    );
    for (const s of doc.stories) {
      const facts = storyFacts(s).map(e);
      out.push(`  - **${e(labelOf(s))}** (${e(s.id)}) — ${facts.join(', ')}`);
      if (s.attribution.length > 0)
        out.push(`    - Attribution: ${s.attribution.map(e).join('; ')}`);
      if (s.excerpt.trim() !== '') out.push(`    - Excerpt: ${e(s.excerpt)}`);
    }
  }
  out.push('');

  if (report.warnings.length > 0) {
    out.push('## Warnings', '');
    for (const w of report.warnings) out.push(`- ${e(w)}`);
    out.push('');
  }

  return out.join('\n');
}
