import { Box, Text } from 'ink';
import { paint } from '../color.js';
import { columnWidth, type DetailLine, type Tone } from '../detail-lines.js';
import { displayWidth, fit } from '../text.js';
import type { Span } from '../word-diff.js';

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

/** One column of compared text: removed words red and struck through, added ones green and underlined. */
function Marked({ spans, width }: { readonly spans: readonly Span[]; readonly width: number }) {
  const pad = Math.max(0, width - displayWidth(spans.map((s) => s.text).join('')));
  return (
    <Text>
      {spans.map((span, i) =>
        span.mark === 'removed' ? (
          <Text key={i} color={paint('red')} strikethrough>
            {span.text}
          </Text>
        ) : span.mark === 'added' ? (
          <Text key={i} color={paint('green')} underline>
            {span.text}
          </Text>
        ) : (
          span.text
        ),
      )}
      {' '.repeat(pad)}
    </Text>
  );
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
        ) : line.leftSpans && line.rightSpans ? (
          <Text key={i} wrap="truncate-end">
            <Marked spans={line.leftSpans} width={col} />
            <Text dimColor>{' │ '}</Text>
            <Marked spans={line.rightSpans} width={col} />
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
