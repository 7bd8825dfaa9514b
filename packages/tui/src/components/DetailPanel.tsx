import { Box, Text } from 'ink';
import { paint } from '../color.js';
import { columnWidth, type DetailLine, type Tone } from '../detail-lines.js';
import { fit } from '../text.js';

export interface DetailPanelProps {
  /** The lines to draw (already windowed to the panel's height). */
  readonly lines: readonly DetailLine[];
  readonly width: number;
}

function toneProps(tone: Tone): { bold?: boolean; dimColor?: boolean; color?: string | undefined } {
  switch (tone) {
    case 'title':
      return { bold: true };
    case 'dim':
      return { dimColor: true };
    case 'warn':
      return { color: paint('yellow') };
    case 'normal':
      return {};
  }
}

/** Lines of the detail panel; pairs go in two columns split by "│". */
export function DetailPanel({ lines, width }: DetailPanelProps) {
  const col = columnWidth(width);
  return (
    <Box flexDirection="column" width={width}>
      {lines.map((line, i) =>
        line.type === 'text' ? (
          <Text key={i} wrap="truncate-end" {...toneProps(line.tone)}>
            {line.text === '' ? ' ' : line.text}
          </Text>
        ) : (
          <Text key={i} wrap="truncate-end">
            <Text {...toneProps(line.tone)}>{fit(line.left, col)}</Text>
            <Text dimColor>{' │ '}</Text>
            <Text {...toneProps(line.tone)}>{fit(line.right, col)}</Text>
          </Text>
        ),
      )}
    </Box>
  );
}
