import { create } from 'xmlbuilder2';
import { expectArg, expectOptions, rules } from '../args.js';
import { toOneLine } from '../text/sanitize.js';
import type { Report } from '../types.js';
import { reportRule } from './report-rule.js';
import { graphNodes } from './tabular.js';

export interface GraphmlOptions {
  /** Add each independent pair as an undirected edge with kind "independent"; default false. */
  readonly independent?: boolean;
}

/** The attributes (GraphML keys) of nodes and edges: id, domain, name, type. */
const KEYS = [
  ['d0', 'node', 'label', 'string'],
  ['d1', 'node', 'type', 'string'],
  ['d2', 'node', 'title', 'string'],
  ['d3', 'node', 'document', 'string'],
  ['d4', 'node', 'path', 'string'],
  ['d5', 'node', 'publisher', 'string'],
  ['d6', 'node', 'published', 'string'],
  ['d7', 'node', 'outlet', 'string'],
  ['e0', 'edge', 'kind', 'string'],
  ['e1', 'edge', 'confidence', 'double'],
  ['e2', 'edge', 'semantic', 'double'],
  ['e3', 'edge', 'lexical', 'double'],
  ['e4', 'edge', 'coverage', 'double'],
  ['e5', 'edge', 'paraphrase', 'double'],
  ['e6', 'edge', 'evidence', 'string'],
  ['e7', 'edge', 'measuredAgainst', 'string'],
  ['e8', 'edge', 'rewording', 'double'],
] as const;

/**
 * Renders the lineage as GraphML (Gephi, yEd, Cytoscape, NetworkX): a node
 * per story and per hidden source with its label ("Outlet — Title"), title,
 * document, path, publisher, date and outlet; a directed edge per relation, parent → child, with its kind,
 * scores and evidence (lines joined by " | "). Every string is escaped by the
 * XML writer, and characters XML 1.0 cannot hold (control characters) are
 * dropped.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report or an option has the wrong type.
 */
export function renderGraphml(report: Report, options: GraphmlOptions = {}): string {
  expectArg(report, 'renderGraphml: report', reportRule);
  expectOptions(options, 'renderGraphml: options', { independent: rules.boolean });
  const doc = create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' });
  const root = doc.ele('http://graphml.graphdrawing.org/xmlns', 'graphml');
  for (const [id, domain, name, type] of KEYS)
    root.ele('key', { id, for: domain, 'attr.name': name, 'attr.type': type });
  const graph = root.ele('graph', { id: 'stemma', edgedefault: 'directed' });
  const data = (el: ReturnType<typeof graph.ele>, key: string, value: string | number) =>
    el.ele('data', { key }).txt(typeof value === 'number' ? String(value) : toOneLine(value));

  for (const n of graphNodes(report)) {
    const node = graph.ele('node', { id: toOneLine(n.id) });
    data(node, 'd0', n.label);
    data(node, 'd1', n.kind);
    data(node, 'd2', n.title);
    data(node, 'd3', n.document);
    data(node, 'd4', n.path);
    data(node, 'd5', n.publisher);
    data(node, 'd6', n.published);
    data(node, 'd7', n.outlet);
  }
  report.relations.forEach((r, i) => {
    const edge = graph.ele('edge', {
      id: `r${i}`,
      source: toOneLine(r.parent),
      target: toOneLine(r.child),
    });
    data(edge, 'e0', r.kind);
    data(edge, 'e1', r.confidence);
    data(edge, 'e2', r.scores.semantic);
    data(edge, 'e3', r.scores.lexical);
    data(edge, 'e4', r.scores.coverage);
    data(edge, 'e5', r.scores.paraphrase);
    data(edge, 'e6', r.evidence.join(' | '));
    if (r.measuredAgainst !== undefined) data(edge, 'e7', r.measuredAgainst);
    data(edge, 'e8', r.scores.rewording);
  });
  if (options.independent === true)
    report.independent.forEach((p, i) => {
      const edge = graph.ele('edge', {
        id: `i${i}`,
        source: toOneLine(p.a),
        target: toOneLine(p.b),
        directed: 'false',
      });
      data(edge, 'e0', 'independent');
      data(edge, 'e6', p.reason);
    });
  return `${doc.end({ prettyPrint: true })}\n`;
}
