/**
 * What the CSV, GraphML and Newick renderers say about a story or a hidden
 * source, so the three name them alike.
 */
import type { HiddenNode, Report, ReportDocument, ReportStory } from '../types.js';
import { toOneLine } from '../text/sanitize.js';
import { labelOf } from './label.js';

/** One node of the lineage graph: a story, a hidden source, or an id no document declares. */
export interface GraphNode {
  readonly id: string;
  readonly kind: 'story' | 'hidden' | 'unknown';
  /** What people call it: "Outlet — Title" for a story, "hidden:N (inferred source)", else the id. */
  readonly label: string;
  /** The story's outlet ('' when unknown or not a story). */
  readonly outlet: string;
  /** The story's title on one line ('' when it has none, "inferred source" for a hidden one). */
  readonly title: string;
  readonly document: string;
  readonly path: string;
  readonly publisher: string;
  readonly published: string;
}

/** Every node the report names, stories first (in document order), then hidden sources, then stray ids. */
export function graphNodes(report: Report): GraphNode[] {
  const nodes: GraphNode[] = [];
  const seen = new Set<string>();
  const storyNode = (doc: ReportDocument, s: ReportStory): GraphNode => ({
    id: s.id,
    kind: 'story',
    label: toOneLine(labelOf(s)),
    outlet: toOneLine(s.outlet ?? ''),
    title: toOneLine(s.title ?? ''),
    document: doc.id,
    path: doc.path,
    publisher: toOneLine(doc.publisher ?? ''),
    published: s.published ?? doc.published ?? '',
  });
  const hiddenNode = (h: HiddenNode): GraphNode => ({
    id: h.id,
    kind: 'hidden',
    label: `${h.id} (inferred source)`,
    outlet: '',
    title: 'inferred source',
    document: '',
    path: '',
    publisher: '',
    published: '',
  });
  for (const doc of report.documents)
    for (const s of doc.stories) {
      seen.add(s.id);
      nodes.push(storyNode(doc, s));
    }
  for (const h of report.hidden) {
    seen.add(h.id);
    nodes.push(hiddenNode(h));
  }
  const referenced = [
    ...report.relations.flatMap((r) => [r.parent, r.child]),
    ...report.independent.flatMap((p) => [p.a, p.b]),
  ];
  for (const id of referenced) {
    if (seen.has(id)) continue;
    seen.add(id);
    nodes.push({
      id,
      kind: 'unknown',
      label: id,
      outlet: '',
      title: '',
      document: '',
      path: '',
      publisher: '',
      published: '',
    });
  }
  return nodes;
}
