import { expectArg } from '../args.js';
import { toOneLine } from '../text/sanitize.js';
import type { Report } from '../types.js';
import { buildForest, type ForestNode } from './forest.js';
import { reportRule } from './report-rule.js';

/** A Newick label: single-quoted, quotes doubled, on one line (quoted labels may hold any other character). */
function label(id: string): string {
  return `'${toOneLine(id).replace(/'/g, "''")}'`;
}

/** Branch length of the edge into `node`: 1 − lexical similarity of its aligned text, to 3 decimals. */
function length(node: ForestNode): string {
  if (node.via === null) return '';
  const d = Math.min(1, Math.max(0, 1 - node.via.scores.lexical));
  return `:${Number(d.toFixed(3))}`;
}

function subtree(node: ForestNode): string {
  // A story met again (its second parent) is drawn once, under its first.
  const children = node.children.filter((c) => !c.seen);
  const inner = children.length > 0 ? `(${children.map(subtree).join(',')})` : '';
  return `${inner}${label(node.id)}${length(node)}`;
}

/**
 * Renders each lineage tree as a Newick tree, one per line, for
 * phylogenetics tools (FigTree, iTOL, ete, Bio.Phylo). Stories and hidden
 * sources are labelled by id (quoted); a branch's length is 1 − the lexical
 * similarity of the aligned text, so a verbatim copy sits at distance 0 and a
 * rewording further out. Newick draws trees, not graphs: a story with a
 * second parent appears under its first parent only, and independent pairs
 * are not shown. A report without trees renders as an empty string.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function renderNewick(report: Report): string {
  expectArg(report, 'renderNewick: report', reportRule);
  return buildForest(report)
    .filter((root) => !root.seen)
    .map((root) => `${subtree(root)};\n`)
    .join('');
}
