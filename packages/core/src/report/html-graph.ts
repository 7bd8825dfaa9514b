/**
 * The lineage graph of the HTML report as inline SVG. Positions come from
 * dagre (the layered layout Graphviz's `dot` also uses), computed here in
 * Node; the SVG is written by hand from them, so the page needs no script.
 */

import dagre, { type EdgeLabel, type GraphLabel, type NodeLabel, type Point } from '@dagrejs/dagre';
import escapeHtml from 'escape-html';
import type { RelationKind } from '../types.js';
import { toOneLine } from '../text/sanitize.js';

/** Page text for an SVG text node or attribute: one line, no controls, escaped. */
const text = (value: string): string => escapeHtml(toOneLine(value));

export interface GraphNode {
  readonly id: string;
  /** Plain text; escaped here. */
  readonly label: string;
  /** An inferred source that is not in the corpus: drawn dashed. */
  readonly hidden: boolean;
  /** Fragment the node links to (`story-3`), or null. */
  readonly anchor: string | null;
}

export interface GraphEdge {
  readonly parent: string;
  readonly child: string;
  readonly kind: RelationKind;
  readonly confidence: number;
  /** Fragment of the relation's section, or null. */
  readonly anchor: string | null;
}

/** Edge colour and dash pattern by kind: told apart without colour too. */
export const kindStyle: Record<RelationKind, { readonly color: string; readonly dash: string }> = {
  verbatim: { color: '#b91c1c', dash: '' },
  edited: { color: '#c2410c', dash: '8 3' },
  paraphrase: { color: '#a16207', dash: '2 3' },
  spun: { color: '#7e22ce', dash: '8 3 2 3' },
  translated: { color: '#1d4ed8', dash: '12 4' },
};

const NODE_WIDTH = 190;
const NODE_HEIGHT = 44;
/** Characters of a label that fit a node at the graph's font size. */
const LABEL_CHARS = 28;

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const num = (x: number): string => String(Math.round(x * 10) / 10);

/**
 * The graph as an `<svg>` element: a box per node (dashed for inferred
 * sources) linking to its story, an arrow per relation coloured and dashed
 * by kind, labelled with the kind, linking to the relation's section.
 * @throws never for nodes and edges whose ids are unique and edges whose ends are nodes.
 */
export function renderGraphSvg(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): string {
  const g = new dagre.graphlib.Graph<GraphLabel, NodeLabel, EdgeLabel>({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, edgesep: 12, marginx: 8, marginy: 8 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  edges.forEach((e, i) =>
    g.setEdge(e.parent, e.child, { width: 64, height: 16, labelpos: 'c' }, `e${i}`),
  );
  dagre.layout(g);
  const size: GraphLabel = g.graph();
  const width = Math.ceil(size.width ?? NODE_WIDTH);
  const height = Math.ceil(size.height ?? NODE_HEIGHT);

  const out: string[] = [
    `<svg class="lineage" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="lineage-title">`,
    '<title id="lineage-title">Lineage graph: an arrow from each source to its copy</title>',
    '<defs>',
    ...Object.entries(kindStyle).map(
      ([kind, s]) =>
        `<marker id="arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${s.color}"/></marker>`,
    ),
    '</defs>',
  ];
  edges.forEach((e, i) => {
    const layout: EdgeLabel = g.edge(e.parent, e.child, `e${i}`);
    const points: readonly Point[] = layout.points ?? [];
    if (points.length === 0) return;
    const style = kindStyle[e.kind];
    const d = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${num(p.x)} ${num(p.y)}`).join('');
    const label = `${e.kind} ${e.confidence.toFixed(2)}`;
    const body =
      `<path d="${d}" fill="none" stroke="${style.color}" stroke-width="${num(1 + 2 * e.confidence)}"` +
      `${style.dash === '' ? '' : ` stroke-dasharray="${style.dash}"`} marker-end="url(#arrow-${e.kind})"/>` +
      (layout.x === undefined || layout.y === undefined
        ? ''
        : `<text class="edge-label" x="${num(layout.x)}" y="${num(layout.y + 4)}" text-anchor="middle" fill="${style.color}">${text(label)}</text>`);
    const title = `<title>${text(`${e.parent} → ${e.child}: ${label}`)}</title>`;
    out.push(
      e.anchor === null
        ? `<g class="edge edge-${e.kind}">${title}${body}</g>`
        : `<a href="#${e.anchor}" class="edge edge-${e.kind}">${title}${body}</a>`,
    );
  });
  for (const n of nodes) {
    const layout: NodeLabel = g.node(n.id);
    const cx = layout.x ?? 0;
    const cy = layout.y ?? 0;
    const x = cx - NODE_WIDTH / 2;
    const y = cy - NODE_HEIGHT / 2;
    const body =
      `<title>${text(n.hidden ? `${n.id}: ${n.label}` : `${n.label} (${n.id})`)}</title>` +
      `<rect x="${num(x)}" y="${num(y)}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="6"${n.hidden ? ' stroke-dasharray="5 4"' : ''}/>` +
      `<text x="${num(cx)}" y="${num(cy - 3)}" text-anchor="middle">${text(clip(n.label, LABEL_CHARS))}</text>` +
      `<text class="node-id" x="${num(cx)}" y="${num(cy + 13)}" text-anchor="middle">${text(clip(n.id, LABEL_CHARS + 4))}</text>`;
    const cls = `node${n.hidden ? ' node-hidden' : ''}`;
    out.push(
      n.anchor === null
        ? `<g class="${cls}">${body}</g>`
        : `<a href="#${n.anchor}" class="${cls}">${body}</a>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}
