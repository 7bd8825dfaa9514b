/**
 * The name a story goes by in the human-facing reports: "Outlet — Title".
 * Ids ("000_19771a49ab92691b#3") stay in the JSON for machines.
 */
import { expectArg, shape } from '../args.js';
import type { Report, ReportStory } from '../types.js';
import { toOneLine } from '../text/sanitize.js';

const nullableString = {
  expected: 'a string or null',
  test: (v: unknown) => v === null || typeof v === 'string',
};
const storyRule = shape(
  {
    id: { expected: 'a string', test: (v) => typeof v === 'string' },
    title: nullableString,
    outlet: nullableString,
  },
  'a story ({id, title, outlet?})',
  ['id', 'title'],
);

/**
 * "Outlet — Title", else the title, else the outlet, else the id; on one line.
 * @throws CoreError INVALID_ARGUMENT when `story` is not a story.
 */
export function storyLabel(story: {
  readonly id: string;
  readonly title: string | null;
  readonly outlet?: string | null | undefined;
}): string {
  expectArg(story, 'storyLabel: story', storyRule);
  const title = toOneLine(story.title ?? '').trim();
  const outlet = toOneLine(story.outlet ?? '').trim();
  if (outlet && title) return `${outlet} — ${title}`;
  return title || outlet || story.id;
}

/** A report story's label: the one it carries, else built from its fields (reports from older builds). */
export function labelOf(story: ReportStory): string {
  return story.label ?? storyLabel(story);
}

/** How the human-facing reports name each node: a full label and a short name for running text. */
export interface ReportNames {
  /** "Outlet — Title" for a story, "hidden:N (inferred source)" for a hidden one, else the id. */
  label(id: string): string;
  /** The outlet when no other story has it, else the label; for hidden and unknown ids, the id. */
  short(id: string): string;
  /** Running text (evidence, reasons) with every story id in it replaced by its short name. */
  text(value: string): string;
}

/**
 * Names for the nodes of a report, so renderers never show a file-hash id
 * where a person reads.
 * @throws never.
 */
export function reportNames(report: Report): ReportNames {
  const labels = new Map<string, string>();
  const outlets = new Map<string, string>();
  const outletCount = new Map<string, number>();
  for (const doc of report.documents)
    for (const s of doc.stories) {
      labels.set(s.id, labelOf(s));
      const o = toOneLine(s.outlet ?? '').trim();
      if (o) {
        outlets.set(s.id, o);
        outletCount.set(o, (outletCount.get(o) ?? 0) + 1);
      }
    }
  const label = (id: string): string => labels.get(id) ?? id;
  const short = (id: string): string => {
    const o = outlets.get(id);
    return o !== undefined && outletCount.get(o) === 1 ? o : label(id);
  };
  return {
    label,
    short,
    // Ids are "<docId>#<n>"; a token of that shape that names no story stays as it is.
    text: (value) =>
      value.replace(/(?<![^\s(),:;])[^\s#(),:;]+#\d+/g, (id) => (labels.has(id) ? short(id) : id)),
  };
}
