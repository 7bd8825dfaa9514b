import { expectArg, expectOptions, expectString, rules } from '../args.js';
import type { RelationKind, Report } from '../types.js';
import { score } from './forest.js';
import { toOneLine } from '../text/sanitize.js';
import { reportRule } from './report-rule.js';

export interface DotOptions {
  /** Graph name; default "stemma". */
  readonly graphName?: string;
  /**
   * Longest story title shown in a node label, in characters; default 160.
   * Titles are wrapped onto lines of about 32 characters, not cut.
   */
  readonly maxTitle?: number;
  /** Draw the independent pairs (same event, no copying) as dashed edges; default false. */
  readonly independent?: boolean;
  /** Add a legend of the edge colours and shapes; default true. */
  readonly legend?: boolean;
}

/**
 * Quotes a value as a DOT string: backslashes and quotes escaped, control
 * characters removed, on one line. Doubling `\` keeps label escapes such as
 * `\N` or `\G` from a title from being expanded by Graphviz, and keeps a
 * trailing backslash from swallowing the closing quote.
 * @throws {CoreError} INVALID_ARGUMENT when `value` is not a string.
 */
export function dotString(value: string): string {
  expectString(value, 'dotString: value');
  return `"${escapeDotText(value)}"`;
}

function escapeDotText(value: string): string {
  return toOneLine(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

/** Characters per line of a wrapped title in a node. */
const WRAP = 32;

/** Breaks a title into lines of about {@link WRAP} characters at spaces (a longer word stands alone). */
function wrap(text: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && Array.from(line).length + 1 + Array.from(word).length > WRAP) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** Joins label lines with DOT's centred line break `\n`, each line escaped. */
function label(...lines: string[]): string {
  return `"${lines.map(escapeDotText).join('\\n')}"`;
}

const kindColor: Record<RelationKind, string> = {
  verbatim: '#b91c1c',
  edited: '#c2410c',
  paraphrase: '#a16207',
  spun: '#7e22ce',
  translated: '#1d4ed8',
};

/**
 * Renders the report as a Graphviz digraph: one box per story (clustered by
 * document), a dashed ellipse per inferred hidden source, an edge per
 * relation labelled with its kind and paraphrase score, and a legend. With
 * `independent`, each independent pair is added as a dashed undirected edge
 * that does not affect the layout (off by default: on a corpus of one event
 * they outnumber the relations and hide them).
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report or an option has the wrong type.
 */
export function renderDot(report: Report, options: DotOptions = {}): string {
  expectArg(report, 'renderDot: report', reportRule);
  expectOptions(options, 'renderDot: options', {
    graphName: rules.string,
    maxTitle: rules.positiveInt,
    independent: rules.boolean,
    legend: rules.boolean,
  });
  const independent = options.independent === true ? report.independent : [];
  const maxTitle = options.maxTitle ?? 160;
  const out: string[] = [];
  const declared = new Set<string>();

  out.push(`digraph ${dotString(options.graphName ?? 'stemma')} {`);
  out.push('  rankdir=LR;');
  out.push('  node [shape=box, fontname="Helvetica", fontsize=10];');
  out.push('  edge [fontname="Helvetica", fontsize=9];');

  report.documents.forEach((doc, i) => {
    const docLabel = [doc.publisher, doc.id]
      .filter((v): v is string => v !== null && v !== '')
      .join(' · ');
    out.push(`  subgraph ${dotString(`cluster_${i}`)} {`);
    out.push(`    label=${label(docLabel)}; style=rounded; color="#9ca3af";`);
    for (const s of doc.stories) {
      // Named as people name it: outlet, then the title wrapped; the id is the tooltip.
      const title = toOneLine(s.title ?? '').trim();
      const outlet = toOneLine(s.outlet ?? '').trim();
      const lines = [
        ...(outlet !== '' ? [outlet] : []),
        ...(title !== '' ? wrap(truncate(title, maxTitle)) : []),
      ];
      out.push(
        `    ${dotString(s.id)} [label=${label(...(lines.length > 0 ? lines : [s.id]))}, tooltip=${dotString(s.id)}];`,
      );
      declared.add(s.id);
    }
    out.push('  }');
  });

  for (const hn of report.hidden) {
    out.push(
      `  ${dotString(hn.id)} [shape=ellipse, style=dashed, label=${label(hn.id, 'inferred source')}, tooltip=${dotString(hn.reason)}];`,
    );
    declared.add(hn.id);
  }

  // Ids a relation or pair names but no document declares still get a node,
  // marked as such, so every edge is drawn between labelled nodes.
  const referenced = [
    ...report.relations.flatMap((r) => [r.parent, r.child]),
    ...independent.flatMap((p) => [p.a, p.b]),
  ];
  for (const id of referenced) {
    if (declared.has(id)) continue;
    declared.add(id);
    out.push(`  ${dotString(id)} [style=dotted, label=${label(id, 'not in report')}];`);
  }

  for (const r of report.relations) {
    const color = kindColor[r.kind] ?? '#374151';
    const width = (1 + 2 * Math.min(1, Math.max(0, r.confidence))).toFixed(1);
    out.push(
      `  ${dotString(r.parent)} -> ${dotString(r.child)} [label=${label(`${r.kind} ${score(r.scores.paraphrase)}`)}, ` +
        `color=${dotString(color)}, fontcolor=${dotString(color)}, penwidth=${width}, ` +
        `tooltip=${dotString(`confidence ${score(r.confidence)}`)}];`,
    );
  }

  for (const p of independent) {
    out.push(
      `  ${dotString(p.a)} -> ${dotString(p.b)} [dir=none, style=dashed, color="#6b7280", constraint=false, ` +
        `label="independent", tooltip=${dotString(p.reason)}];`,
    );
  }

  if (options.legend !== false) out.push(...legend(report, independent.length > 0));
  out.push('}', '');
  return out.join('\n');
}

/** A cluster explaining the kinds the report uses, the hidden sources and the edge label. */
function legend(report: Report, independent: boolean): string[] {
  const kinds = (Object.keys(kindColor) as RelationKind[]).filter((k) =>
    report.relations.some((r) => r.kind === k),
  );
  if (kinds.length === 0 && report.hidden.length === 0 && !independent) return [];
  const lines = [
    '  subgraph "cluster_legend" {',
    '    label="Legend"; style=rounded; color="#d1d5db"; fontname="Helvetica"; fontsize=10;',
    '    node [shape=plaintext, fontsize=9];',
    `    "legend:label" [label=${label('edge label: kind, paraphrase score', '(P(same meaning), 0–1);', 'width: confidence')}];`,
  ];
  for (const k of kinds)
    lines.push(
      `    ${dotString(`legend:${k}`)} [label=${label(k)}, fontcolor=${dotString(kindColor[k])}];`,
    );
  if (report.hidden.length > 0)
    lines.push(
      `    "legend:hidden" [shape=ellipse, style=dashed, label=${label('inferred source', '(not in the corpus)')}];`,
    );
  if (independent)
    lines.push(`    "legend:independent" [label=${label('dashed grey: independent coverage')}];`);
  lines.push('  }');
  return lines;
}
