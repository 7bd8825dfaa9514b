import { expectArg } from '../args.js';
import { toOneLine } from '../text/sanitize.js';
import type { Report } from '../types.js';
import { buildForest, type ForestNode } from './forest.js';
import { reportRule } from './report-rule.js';
import { graphNodes } from './tabular.js';

/** A Newick label: single-quoted, quotes doubled, on one line (quoted labels may hold any other character). */
function quote(text: string): string {
  return `'${toOneLine(text).replace(/'/g, "''")}'`;
}

/** Branch length of the edge into `node`: 1 − lexical similarity of its aligned text, to 3 decimals. */
function length(node: ForestNode): string {
  if (node.via === null) return '';
  const d = Math.min(1, Math.max(0, 1 - node.via.scores.lexical));
  return `:${Number(d.toFixed(3))}`;
}

function subtree(node: ForestNode, name: (id: string) => string): string {
  // A story met again (its second parent) is drawn once, under its first.
  const children = node.children.filter((c) => !c.seen);
  const inner = children.length > 0 ? `(${children.map((c) => subtree(c, name)).join(',')})` : '';
  return `${inner}${quote(name(node.id))}${length(node)}`;
}

/** Each node's label; one that two nodes share gets its id in brackets, so taxa stay distinct. */
function names(report: Report): (id: string) => string {
  const nodes = graphNodes(report);
  const count = new Map<string, number>();
  for (const n of nodes) count.set(n.label, (count.get(n.label) ?? 0) + 1);
  const byId = new Map(
    nodes.map((n) => [n.id, count.get(n.label) === 1 ? n.label : `${n.label} [${n.id}]`]),
  );
  return (id) => byId.get(id) ?? id;
}

/**
 * Renders each lineage tree as a Newick tree, one per line, for
 * phylogenetics tools (FigTree, iTOL, ete, Bio.Phylo). Stories and hidden
 * sources are labelled as people name them ("Outlet — Title", quoted; the id
 * in brackets when two share a label); a branch's length is 1 − the lexical
 * similarity of the aligned text, so a verbatim copy sits at distance 0 and a
 * rewording further out. Newick draws trees, not graphs: a story with a
 * second parent appears under its first parent only, and independent pairs
 * are not shown. A report without trees renders as an empty string.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function renderNewick(report: Report): string {
  expectArg(report, 'renderNewick: report', reportRule);
  const name = names(report);
  return buildForest(report)
    .filter((root) => !root.seen)
    .map((root) => `${subtree(root, name)};\n`)
    .join('');
}
