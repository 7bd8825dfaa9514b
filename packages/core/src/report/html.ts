import escapeHtml from 'escape-html';
import { expectArg, expectOptions, expectString, rules } from '../args.js';
import type { Relation, Report, ReportStory } from '../types.js';
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
import { reportRule } from './report-rule.js';
import { plural, storyFacts } from './story-facts.js';
import { renderComparison } from './html-compare.js';
import { kindStyle, renderGraphSvg, type GraphEdge, type GraphNode } from './html-graph.js';

export interface HtmlOptions {
  /** Page title and heading; default "Stemma report". */
  readonly title?: string;
}

/**
 * Escapes a value from the inputs for HTML text or a quoted attribute, on one line without controls.
 * @throws {CoreError} INVALID_ARGUMENT when `value` is not a string.
 */
export function escapeHtmlText(value: string): string {
  expectString(value, 'escapeHtmlText: value');
  return escapeHtml(toOneLine(value));
}

const h = escapeHtmlText;

interface HtmlIndex extends ReportIndex {
  readonly anchors: ReadonlyMap<string, string>;
}

// No scripts, no external resources: the page is safe to open from an
// untrusted corpus and works offline. The CSP makes that explicit to the
// browser, so even a missed escape could not load or run anything. Navigation
// is plain fragment links (table of contents, graph nodes), so no script is needed.
const csp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const css = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; --del: #fecaca; --ins: #bbf7d0; --kept: #dbeafe; --altered: #fde68a; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 80rem; margin: 2rem auto; padding: 0 1rem; overflow-wrap: anywhere; }
h1, h2, h3 { line-height: 1.2; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; }
.muted, .pno, .gap-note { color: var(--muted); }
nav.toc ol { columns: 2 22rem; padding-left: 1.25rem; }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.25rem; border-left: 1px solid var(--line); }
ul.tree { border-left: 0; padding-left: 0; }
ul.tree li { margin: 0.2rem 0; }
.kind { display: inline-block; padding: 0 0.4rem; border-radius: 0.3rem; border: 1px solid var(--line); font-size: 0.85em; }
.kind-verbatim { background: #fee2e2; } .kind-edited { background: #ffedd5; } .kind-paraphrase { background: #fef9c3; }
.kind-spun { background: #f3e8ff; } .kind-translated { background: #dbeafe; }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th, td.num, .kind { overflow-wrap: normal; }
table.compare { table-layout: fixed; }
table.compare td { width: 50%; }
tr.gap td { background: repeating-linear-gradient(135deg, transparent 0 6px, rgba(127,127,127,0.08) 6px 12px); }
tr.gap .gap-note { font-style: italic; vertical-align: middle; text-align: center; }
tr.notes td { font-size: 0.88em; color: var(--muted); border-bottom-width: 2px; }
tr.same summary { cursor: pointer; color: var(--muted); }
tr.same details p { margin: 0.4em 0; }
del { background: var(--del); text-decoration: line-through; color: inherit; }
ins { background: var(--ins); text-decoration: none; color: inherit; }
del.swap, ins.swap { text-decoration: underline wavy; }
del.swap { text-decoration: line-through wavy; }
mark.q-kept { background: var(--kept); color: inherit; }
mark.q-altered { background: var(--altered); color: inherit; outline: 1px dashed #b45309; }
.pair { white-space: normal; }
section.relation { border-top: 2px solid var(--line); margin-top: 2rem; }
dl.scores { display: grid; grid-template-columns: max-content 1fr; gap: 0.1rem 1rem; }
dl.scores dt { font-weight: 600; } dl.scores dd { margin: 0; }
dl.scores.inline { display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; }
dl.scores.inline div { display: flex; gap: 0.4rem; }
.legend span { margin-right: 1rem; white-space: nowrap; }
svg.lineage { max-width: 100%; height: auto; display: block; margin: 1rem 0; }
svg.lineage .node rect { fill: Canvas; stroke: CanvasText; stroke-width: 1.2; }
svg.lineage .node text { fill: CanvasText; font: 12px system-ui, sans-serif; }
svg.lineage .node .node-id { fill: var(--muted); font: 10px ui-monospace, monospace; }
svg.lineage .edge-label { font: 10px system-ui, sans-serif; paint-order: stroke; stroke: Canvas; stroke-width: 3px; }
blockquote { margin: 0.3rem 0 0.6rem; padding-left: 0.8rem; border-left: 3px solid var(--line); color: var(--muted); }
.warnings li { color: #b45309; }
@media (prefers-color-scheme: dark) {
  :root { --del: #7f1d1d; --ins: #14532d; --kept: #1e3a8a; --altered: #78350f; }
  .kind { background: transparent !important; }
}
@media print {
  body { max-width: none; margin: 0; font-size: 10pt; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  section.relation { break-before: page; }
  tr, svg.lineage { break-inside: avoid; }
  del, ins, mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/**
 * Anchor names by position, not by id: story ids hold "#" and whatever a file
 * name holds, which would need URL-encoding to be a fragment.
 */
function anchors(report: Report): ReadonlyMap<string, string> {
  const ids = report.documents.flatMap((d) => d.stories.map((s) => s.id));
  return new Map(ids.map((id, i) => [id, `story-${i + 1}`]));
}

function storyRef(id: string, index: HtmlIndex): string {
  const anchor = index.anchors.get(id);
  if (anchor === undefined) return `<span class="id">${h(id)}</span>`;
  return `<a href="#${anchor}" class="id">${h(id)}</a>`;
}

/**
 * The name a reader knows a story by: its title, else its id. Plain text, not
 * escaped. The one place the page names stories, so a richer label (outlet and
 * title) is a change here.
 */
function storyName(story: ReportStory): string {
  if (story.label !== undefined && story.label.trim() !== '') return story.label;
  return story.title === null || story.title.trim() === '' ? story.id : story.title;
}

/** {@link storyName} of a story or hidden node by id. */
function nameOf(id: string, index: HtmlIndex): string {
  if (index.hidden.has(id)) return 'inferred source';
  const story = index.stories.get(id);
  return story === undefined ? id : storyName(story);
}

function titleOf(id: string, index: HtmlIndex): string {
  if (index.hidden.has(id)) return ' <span class="muted">inferred source, not in the corpus</span>';
  const story = index.stories.get(id);
  return story === undefined || storyName(story) === story.id ? '' : ` “${h(storyName(story))}”`;
}

function treeItem(node: ForestNode, index: HtmlIndex, depth: number): string {
  let line = storyRef(node.id, index);
  if (node.via !== null) {
    const { kind, confidence, scores } = node.via;
    line +=
      ` ← <span class="kind kind-${h(kind)}">${h(kind)}</span>` +
      ` <span class="muted">paraphrase ${score(scores.paraphrase)}, confidence ${score(confidence)}</span>`;
  } else if (depth > 0) {
    line += ' <span class="muted">(member, no direct relation)</span>';
  }
  line += node.seen ? ' <span class="muted">(also listed above)</span>' : titleOf(node.id, index);
  const children = node.children.map((c) => treeItem(c, index, depth + 1)).join('');
  return `<li>${line}${children === '' ? '' : `<ul>${children}</ul>`}</li>`;
}

/** Above this many nodes the graph is left out (layout time, legibility); the tree list still shows the lineage. */
const MAX_GRAPH_NODES = 400;

/** What each score means and its range, from the comments on `PairScores` and `Relation.confidence`. */
const scoreLegend: readonly (readonly [string, string])[] = [
  [
    'confidence',
    'P(derived) × P(direction), 0 to 1: the derivation model’s calibrated probability that the pair is derived, times the direction test’s probability that this parent is the parent.',
  ],
  [
    'semantic',
    'Mean cosine similarity of the aligned paragraphs’ vectors, 0 to 1: how close the meaning is.',
  ],
  [
    'lexical',
    'Word overlap of the aligned paragraphs (quotations left out where possible), 0 to 1: how much wording is shared.',
  ],
  ['coverage', 'Share of the copy’s paragraphs aligned to the source, 0 to 1.'],
  [
    'paraphrase',
    'P(same meaning), 0 to 1: the fitted paraphrase model’s probability that an aligned paragraph of the copy keeps the meaning of the source’s, averaged by length. Near 1 for a verbatim copy or a faithful rewording. It describes the copy; it is not evidence of copying.',
  ],
];

/** The extent's meaning, shown with the score legend (it is a verdict, not a 0–1 score). */
const EXTENT_LEGEND =
  'Wholly or partially derived, METER’s way (wholly: the copy’s text comes from the source, light edits allowed; partially: some of it does, the rest is the writer’s own or from elsewhere), from the fitted extent model over the reused passages and sentences; p is the model’s probability of that verdict.';

function relationAnchor(i: number): string {
  return `relation-${i + 1}`;
}

function graphSection(report: Report, index: HtmlIndex): string {
  const ids = new Set<string>();
  for (const r of report.relations) ids.add(r.parent).add(r.child);
  for (const hn of report.hidden) ids.add(hn.id);
  if (ids.size === 0) return '';
  if (ids.size > MAX_GRAPH_NODES)
    return `<p class="muted">The graph is left out above ${MAX_GRAPH_NODES} stories (this report has ${ids.size}); the tree below shows the same lineage.</p>`;
  const nodes: GraphNode[] = [...ids].map((id) => ({
    id,
    label: nameOf(id, index),
    hidden: index.hidden.has(id) || !index.stories.has(id),
    anchor: index.anchors.get(id) ?? null,
  }));
  const edges: GraphEdge[] = report.relations.map((r, i) => ({
    parent: r.parent,
    child: r.child,
    kind: r.kind,
    confidence: r.confidence,
    anchor: relationAnchor(i),
  }));
  const kinds = Object.entries(kindStyle).filter(([k]) =>
    report.relations.some((r) => r.kind === k),
  );
  const legend = kinds.map(
    ([k, s]) =>
      `<span><svg width="36" height="10" aria-hidden="true"><line x1="0" y1="5" x2="36" y2="5" stroke="${s.color}" stroke-width="2.5"${s.dash === '' ? '' : ` stroke-dasharray="${s.dash}"`}/></svg> ${h(k)}</span>`,
  );
  if (report.hidden.length > 0)
    legend.push(
      '<span><svg width="36" height="14" aria-hidden="true"><rect x="1" y="1" width="34" height="12" rx="3" fill="none" stroke="currentColor" stroke-dasharray="4 3"/></svg> inferred source, not in the corpus</span>',
    );
  return (
    renderGraphSvg(nodes, edges) +
    `\n<p class="legend muted">Arrows run from source to copy; thicker is more confident. Click a box for the story, an arrow for the comparison. ${legend.join(' ')}</p>`
  );
}

function relationSection(r: Relation, i: number, index: HtmlIndex): string {
  const parentName = h(nameOf(r.parent, index));
  const childName = h(nameOf(r.child, index));
  const s = r.scores;
  const values: Record<string, number> = {
    confidence: r.confidence,
    semantic: s.semantic,
    lexical: s.lexical,
    coverage: s.coverage,
    paraphrase: s.paraphrase,
  };
  const out: string[] = [
    `<section class="relation" id="${relationAnchor(i)}" data-kind="${h(r.kind)}">`,
    `<h3>${parentName} → ${childName} <span class="kind kind-${h(r.kind)}">${h(r.kind)}</span></h3>`,
    `<p class="muted">Source ${storyRef(r.parent, index)}, copy ${storyRef(r.child, index)}; ${plural(r.alignment.length, 'aligned paragraph pair')}.</p>`,
    '<dl class="scores inline">' +
      scoreLegend
        .map(
          ([name]) =>
            `<div><dt><a href="#scores">${name}</a></dt><dd>${score(values[name] ?? 0)}</dd></div>`,
        )
        .join('') +
      (r.extent === undefined
        ? ''
        : `<div><dt><a href="#scores">extent</a></dt><dd>${h(extentText(r))}</dd></div>`) +
      '</dl>',
  ];
  if (r.evidence.length > 0)
    out.push(
      '<h4>Why this direction</h4>',
      `<ul class="evidence">${r.evidence.map((e) => `<li>${h(e)}</li>`).join('')}</ul>`,
    );
  // An inferred source has no text: its edge was measured against a sibling
  // copy (the alignment's parent paragraphs are that sibling's), shown in its place.
  const standIn =
    index.hidden.has(r.parent) &&
    r.measuredAgainst !== undefined &&
    index.stories.has(r.measuredAgainst)
      ? r.measuredAgainst
      : null;
  const parent = index.stories.get(standIn ?? r.parent)?.paragraphs;
  const child = index.stories.get(r.child)?.paragraphs;
  if (parent !== undefined && child !== undefined) {
    out.push(
      '<h4>Side by side</h4>',
      ...(standIn === null
        ? []
        : [
            `<p class="muted">The inferred source has no text: its scores were measured against ${storyRef(standIn, index)}, shown on the source's side.</p>`,
          ]),
      '<p class="legend muted"><span><del>removed</del> in the source</span> <span><ins>added</ins> in the copy</span> ' +
        '<span><del class="swap">swapped</del> → <ins class="swap">words</ins></span> ' +
        '<span><mark class="q-kept">“quotation kept”</mark></span> <span><mark class="q-altered">“quotation altered”</mark></span> ' +
        '<span>striped rows: paragraphs cut or added</span></p>',
      renderComparison({
        alignment: r.alignment,
        parent,
        child,
        parentName: standIn === null ? parentName : h(nameOf(standIn, index)),
        childName,
      }),
    );
  } else {
    const why =
      index.hidden.has(r.parent) || index.hidden.has(r.child)
        ? 'an inferred source has no text'
        : 'the report has no paragraph text (stemma analyze --include-text, or --format html, adds it)';
    out.push(
      `<p class="muted">No side-by-side view: ${why}. Aligned paragraphs (source → copy): ` +
        `${r.alignment.map((a) => `¶${a.parentParagraph + 1}→¶${a.childParagraph + 1}`).join(', ') || 'none'}.</p>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

/**
 * Renders a report as one standalone HTML page: inline CSS, no scripts, no
 * external resources, and a Content-Security-Policy that forbids both. It has
 * a table of contents, the lineage as an SVG graph (laid out by dagre) and as
 * a tree, a score legend, and per relation the scores, the direction's
 * reasons and, when the report carries paragraph text (`includeText`), the
 * aligned paragraphs side by side with word changes, swaps, quotations and
 * cut or added paragraphs marked. Every value from the inputs is HTML-escaped
 * and stripped of control characters.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report or `options.title` not a string.
 */
export function renderHtml(report: Report, options: HtmlOptions = {}): string {
  expectArg(report, 'renderHtml: report', reportRule);
  expectOptions(options, 'renderHtml: options', { title: rules.string });
  const index: HtmlIndex = { ...indexReport(report), anchors: anchors(report) };
  const title = h(options.title ?? 'Stemma report');
  const body: string[] = [];

  body.push(`<h1>${title}</h1>`);
  body.push(
    `<p>${plural(report.documents.length, 'document')}, ${plural(index.storyCount, 'story', 'stories')}, ` +
      `${plural(report.relations.length, 'relation')}, ${plural(report.independent.length, 'independent pair')}, ` +
      `${plural(report.hidden.length, 'inferred source')}.</p>`,
    `<p class="muted">Encoder ${h(report.encoder.name)} (${report.encoder.dimensions} dimensions, backend ${h(report.encoder.backend)}); ` +
      `generated by ${h(report.generator.name)} ${h(report.generator.version)}.</p>`,
  );

  const toc: string[] = ['<li><a href="#lineage">Lineage</a></li>'];
  if (report.relations.length > 0) {
    const items = report.relations.map(
      (r, i) =>
        `<li><a href="#${relationAnchor(i)}">${h(nameOf(r.parent, index))} → ${h(nameOf(r.child, index))}</a> <span class="kind kind-${h(r.kind)}">${h(r.kind)}</span></li>`,
    );
    toc.push(
      '<li><a href="#scores">How to read the scores</a></li>',
      `<li><a href="#relations">Relations</a><ol>${items.join('')}</ol></li>`,
    );
  }
  if (report.independent.length > 0)
    toc.push('<li><a href="#independent">Independent pairs</a></li>');
  if (report.hidden.length > 0) toc.push('<li><a href="#hidden">Inferred sources</a></li>');
  toc.push('<li><a href="#documents">Documents</a></li>');
  if (report.warnings.length > 0) toc.push('<li><a href="#warnings">Warnings</a></li>');
  body.push(
    `<nav class="toc" aria-label="Contents"><h2>Contents</h2><ol>${toc.join('')}</ol></nav>`,
  );

  body.push('<h2 id="lineage">Lineage</h2>');
  body.push(graphSection(report, index));
  const forest = buildForest(report);
  body.push(
    forest.length === 0
      ? '<p>No story was found to derive from another.</p>'
      : `<ul class="tree">${forest.map((t) => treeItem(t, index, 0)).join('')}</ul>`,
  );
  const alone = unlinkedStories(report);
  if (alone.length > 0)
    body.push(
      `<p>Stories with no relation: ${alone.map((id) => storyRef(id, index)).join(', ')}.</p>`,
    );

  if (report.relations.length > 0) {
    body.push(
      '<h2 id="scores">How to read the scores</h2>',
      `<dl class="scores">${scoreLegend.map(([name, text]) => `<dt>${name}</dt><dd>${h(text)}</dd>`).join('')}<dt>extent</dt><dd>${h(EXTENT_LEGEND)}</dd></dl>`,
      '<h2 id="relations">Relations</h2>',
      '<table class="relations"><thead><tr><th>Source</th><th>Copy</th><th>Kind</th><th class="num">Confidence</th><th class="num">Semantic</th>' +
        '<th class="num">Lexical</th><th class="num">Coverage</th><th class="num">Paraphrase</th><th>Extent</th><th>Details</th></tr></thead><tbody>',
    );
    report.relations.forEach((r, i) => {
      const s = r.scores;
      body.push(
        `<tr><td>${storyRef(r.parent, index)}</td><td>${storyRef(r.child, index)}</td>` +
          `<td><span class="kind kind-${h(r.kind)}">${h(r.kind)}</span></td><td class="num">${score(r.confidence)}</td>` +
          `<td class="num">${score(s.semantic)}</td><td class="num">${score(s.lexical)}</td>` +
          `<td class="num">${score(s.coverage)}</td><td class="num">${score(s.paraphrase)}</td>` +
          `<td>${h(extentText(r))}</td>` +
          `<td><a href="#${relationAnchor(i)}">side by side</a></td></tr>`,
      );
    });
    body.push('</tbody></table>');
    report.relations.forEach((r, i) => body.push(relationSection(r, i, index)));
  }

  if (report.independent.length > 0) {
    body.push('<h2 id="independent">Independent pairs</h2><ul>');
    for (const p of report.independent)
      body.push(`<li>${storyRef(p.a, index)} ↔ ${storyRef(p.b, index)}: ${h(p.reason)}</li>`);
    body.push('</ul>');
  }

  if (report.hidden.length > 0) {
    body.push('<h2 id="hidden">Inferred sources</h2><ul>');
    for (const hn of report.hidden) {
      body.push(
        `<li><span class="id">${h(hn.id)}</span> → ${hn.children.map((c) => storyRef(c, index)).join(', ')}: ${h(hn.reason)}</li>`,
      );
    }
    body.push('</ul>');
  }

  body.push('<h2 id="documents">Documents</h2>');
  for (const doc of report.documents) {
    const meta = [doc.publisher, doc.published].filter((v): v is string => v !== null).map(h);
    body.push(
      `<h3><span class="id">${h(doc.id)}</span>${doc.title === null ? '' : ` “${h(doc.title)}”`}</h3>`,
      `<p class="muted"><code>${h(doc.path)}</code>${meta.length > 0 ? ` — ${meta.join(', ')}` : ''}</p><ul>`,
    );
    for (const s of doc.stories) {
      const facts = storyFacts(s).map(h);
      body.push(
        `<li id="${index.anchors.get(s.id) ?? ''}"><span class="id">${h(s.id)}</span>${storyName(s) === s.id ? '' : ` <strong>${h(storyName(s))}</strong>`}` +
          ` <span class="muted">${facts.join(', ')}</span>` +
          (s.attribution.length > 0
            ? `<br><span class="muted">Attribution: ${s.attribution.map(h).join('; ')}</span>`
            : '') +
          (s.excerpt.trim() === '' ? '' : `<blockquote>${h(s.excerpt)}</blockquote>`) +
          '</li>',
      );
    }
    body.push('</ul>');
  }

  if (report.warnings.length > 0) {
    body.push('<h2 id="warnings">Warnings</h2><ul class="warnings">');
    for (const w of report.warnings) body.push(`<li>${h(w)}</li>`);
    body.push('</ul>');
  }

  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${title}</title>`,
    `<style>${css}</style>`,
    '</head>',
    '<body>',
    ...body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
