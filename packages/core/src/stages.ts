/**
 * The pipeline's stages in run order: the one list that core's progress
 * events, the CLI's bars and the TUI's status lines all follow.
 */
export const STAGE_NAMES = ['ingest', 'segment', 'embed', 'index', 'align', 'lineage'] as const;

/** One of the pipeline's stages, as named in progress events. */
export type StageName = (typeof STAGE_NAMES)[number];

/** What each stage does, in words for a progress display. */
export const STAGE_LABELS: Readonly<Record<StageName, string>> = {
  ingest: 'Reading',
  segment: 'Segmenting',
  embed: 'Embedding',
  index: 'Indexing',
  // Alignment and the verdict on each aligned pair (kind, derived or not) run together.
  align: 'Aligning',
  lineage: 'Building lineage',
};
