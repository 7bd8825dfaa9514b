import { storyLabel, toOneLine, type AnalysisResult, type RelationKind } from '@stemma/core';
import { Box, Text } from 'ink';
import { paint } from '../color.js';
import { groupLabels, type Row } from '../forest.js';
import { displayWidth, score, truncate } from '../text.js';

export interface ForestViewProps {
  readonly result: AnalysisResult;
  /** The rows to draw (already windowed to the pane's height). */
  readonly rows: readonly Row[];
  readonly selectedKey: string | null;
  readonly width: number;
  /** Stories the search matches: their ids are underlined. */
  readonly isMatch?: ((id: string) => boolean) | undefined;
}

export const kindColor: Record<RelationKind, string> = {
  verbatim: 'red',
  edited: 'yellow',
  paraphrase: 'magenta',
  spun: 'cyan',
  translated: 'blue',
};

function NodeRow({
  row,
  result,
  selected,
  width,
  match,
}: {
  readonly row: Row & { type: 'node' };
  readonly result: AnalysisResult;
  readonly selected: boolean;
  readonly width: number;
  readonly match: boolean;
}) {
  const { node } = row;
  const marker = node.children.length > 0 ? (row.expanded ? '▾ ' : '▸ ') : '• ';
  const id = toOneLine(node.id);
  const edge = node.edge
    ? `${toOneLine(node.edge.kind)} · para ${score(node.edge.scores.paraphrase)} · conf ${score(node.edge.confidence)}`
    : '';
  // The story as people name it, "Outlet — Title" (the id is already shown).
  const story = result.stories.get(node.id);
  const label = story ? storyLabel(story) : '';
  const title = node.hidden ? '(hidden source)' : label === node.id ? '' : label;
  // The title gives way first: guide, id and edge label stay readable.
  const fixed =
    1 +
    displayWidth(row.guide) +
    displayWidth(marker) +
    displayWidth(id) +
    2 +
    (edge ? displayWidth(edge) + 3 : 0);
  const shownTitle = truncate(title, Math.max(0, width - fixed));
  return (
    <Text wrap="truncate-end" inverse={selected}>
      {selected ? '›' : ' '}
      <Text dimColor={!selected}>{row.guide}</Text>
      {marker}
      <Text bold={!row.context} dimColor={row.context && !selected} underline={match}>
        {id}
      </Text>
      {shownTitle ? '  ' : ''}
      <Text
        italic={node.hidden}
        dimColor={(node.hidden || row.context) && !selected}
        underline={match}
      >
        {shownTitle}
      </Text>
      {edge && node.edge ? (
        <>
          {'  '}
          <Text
            color={selected ? undefined : paint(kindColor[node.edge.kind])}
            dimColor={row.context && !selected}
          >
            {edge}
          </Text>
        </>
      ) : null}
    </Text>
  );
}

/**
 * The lineage forest, one line per row given; the selected one is inverted
 * and marked "›" (for terminals without colour). Rows kept only as the path
 * to a filtered edge are dim. The caller passes only the rows on screen, so
 * drawing costs the same for ten stories or ten thousand.
 */
export function ForestView({ result, rows, selectedKey, width, isMatch }: ForestViewProps) {
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((row) =>
        row.type === 'group' ? (
          <Text key={row.key} wrap="truncate-end" inverse={row.key === selectedKey} bold>
            {`${row.key === selectedKey ? '›' : ' '}${row.expanded ? '▾' : '▸'} ${groupLabels[row.key]} (${row.count})`}
          </Text>
        ) : (
          <NodeRow
            key={row.key}
            row={row}
            result={result}
            selected={row.key === selectedKey}
            width={width}
            match={isMatch?.(row.node.id) ?? false}
          />
        ),
      )}
    </Box>
  );
}
