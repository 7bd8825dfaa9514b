import escapeHtml from 'escape-html';
import { expectArg, expectOptions, expectString, rules } from '../args.js';
import type { Report } from '../types.js';
import {
  buildForest,
  indexReport,
  score,
  unlinkedStories,
  type ForestNode,
  type ReportIndex,
} from './forest.js';
import { toOneLine } from '../text/sanitize.js';
import { reportRule } from './report-rule.js';
import { plural, storyFacts } from './story-facts.js';

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
// browser, so even a missed escape could not load or run anything.
const csp =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

const css = `
:root { color-scheme: light dark; --muted: #6b7280; --line: #d1d5db; }
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2 { line-height: 1.2; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.92em; }
.muted { color: var(--muted); }
ul.tree, ul.tree ul { list-style: none; padding-left: 1.25rem; border-left: 1px solid var(--line); }
ul.tree { border-left: 0; padding-left: 0; }
ul.tree li { margin: 0.2rem 0; }
.kind { display: inline-block; padding: 0 0.4rem; border-radius: 0.3rem; border: 1px solid var(--line); font-size: 0.85em; }
.kind-verbatim { background: #fee2e2; } .kind-edited { background: #ffedd5; } .kind-paraphrase { background: #fef9c3; }
.kind-spun { background: #f3e8ff; } .kind-translated { background: #dbeafe; }
@media (prefers-color-scheme: dark) { .kind { background: transparent !important; } }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
blockquote { margin: 0.3rem 0 0.6rem; padding-left: 0.8rem; border-left: 3px solid var(--line); color: var(--muted); }
.warnings li { color: #b45309; }
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

function titleOf(id: string, index: HtmlIndex): string {
  if (index.hidden.has(id)) return ' <span class="muted">inferred source, not in the corpus</span>';
  const title = index.stories.get(id)?.title ?? null;
  return title === null || title.trim() === '' ? '' : ` “${h(title)}”`;
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

/**
 * Renders a report as one standalone HTML page: inline CSS, no scripts, no
 * external resources, and a Content-Security-Policy that forbids both. Every
 * value from the inputs is HTML-escaped and stripped of control characters.
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

  body.push('<h2>Lineage</h2>');
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
      '<h2>Relations</h2>',
      '<table><thead><tr><th>Parent</th><th>Child</th><th>Kind</th><th class="num">Confidence</th><th class="num">Semantic</th>' +
        '<th class="num">Lexical</th><th class="num">Coverage</th><th class="num">Paraphrase</th><th>Evidence</th></tr></thead><tbody>',
    );
    for (const r of report.relations) {
      const s = r.scores;
      const evidence =
        r.evidence.length === 0
          ? ''
          : `<ul>${r.evidence.map((e) => `<li>${h(e)}</li>`).join('')}</ul>`;
      body.push(
        `<tr><td>${storyRef(r.parent, index)}</td><td>${storyRef(r.child, index)}</td>` +
          `<td><span class="kind kind-${h(r.kind)}">${h(r.kind)}</span></td><td class="num">${score(r.confidence)}</td>` +
          `<td class="num">${score(s.semantic)}</td><td class="num">${score(s.lexical)}</td>` +
          `<td class="num">${score(s.coverage)}</td><td class="num">${score(s.paraphrase)}</td><td>${evidence}</td></tr>`,
      );
    }
    body.push('</tbody></table>');
  }

  if (report.independent.length > 0) {
    body.push('<h2>Independent pairs</h2><ul>');
    for (const p of report.independent)
      body.push(`<li>${storyRef(p.a, index)} ↔ ${storyRef(p.b, index)}: ${h(p.reason)}</li>`);
    body.push('</ul>');
  }

  if (report.hidden.length > 0) {
    body.push('<h2>Inferred sources</h2><ul>');
    for (const hn of report.hidden) {
      body.push(
        `<li><span class="id">${h(hn.id)}</span> → ${hn.children.map((c) => storyRef(c, index)).join(', ')}: ${h(hn.reason)}</li>`,
      );
    }
    body.push('</ul>');
  }

  body.push('<h2>Documents</h2>');
  for (const doc of report.documents) {
    const meta = [doc.publisher, doc.published].filter((v): v is string => v !== null).map(h);
    body.push(
      `<h3><span class="id">${h(doc.id)}</span>${doc.title === null ? '' : ` “${h(doc.title)}”`}</h3>`,
      `<p class="muted"><code>${h(doc.path)}</code>${meta.length > 0 ? ` — ${meta.join(', ')}` : ''}</p><ul>`,
    );
    for (const s of doc.stories) {
      const facts = storyFacts(s).map(h);
      body.push(
        `<li id="${index.anchors.get(s.id) ?? ''}"><span class="id">${h(s.id)}</span>${s.title === null ? '' : ` <strong>${h(s.title)}</strong>`}` +
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
    body.push('<h2>Warnings</h2><ul class="warnings">');
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
