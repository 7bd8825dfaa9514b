import { showInvisible, toOneLine } from '@stemma/core';
import { Box, Text } from 'ink';
import { paint } from '../color.js';
import type { Progress, StageStatus } from '../progress.js';
import { truncate } from '../text.js';

export interface ProgressViewProps {
  readonly progress: Progress;
  readonly width: number;
  /** Rows available; older warnings are summarised when they do not fit. */
  readonly height: number;
  /** Seconds since the run started. */
  readonly elapsed: number;
  /** Shown instead of the stage list's footer when the run failed. */
  readonly error?: string | undefined;
}

function bar(done: number, total: number, width: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(share * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

function StageLine({ status, width }: { readonly status: StageStatus; readonly width: number }) {
  const name = status.stage.padEnd(9);
  if (status.state === 'done') {
    return (
      <Text wrap="truncate-end">
        <Text color={paint('green')}>✓ </Text>
        {name}
        <Text dimColor>{` ${status.items ?? 0} items · ${status.ms ?? 0} ms`}</Text>
      </Text>
    );
  }
  if (status.state === 'running') {
    const pct = status.total > 0 ? ` ${Math.floor((100 * status.done) / status.total)}%` : '';
    const barWidth = Math.max(10, Math.min(30, width - 40));
    return (
      <Text wrap="truncate-end">
        <Text color={paint('cyan')}>▶ </Text>
        <Text bold>{name}</Text>
        {` ${status.done}/${status.total} `}
        <Text color={paint('cyan')}>{bar(status.done, status.total, barWidth)}</Text>
        {pct}
      </Text>
    );
  }
  return (
    <Text dimColor wrap="truncate-end">
      {`· ${name}`}
    </Text>
  );
}

/** Stages with their state and counts, a bar for the running one, and the warnings so far. */
export function ProgressView({ progress, width, height, elapsed, error }: ProgressViewProps) {
  const room = Math.max(1, height - progress.stages.length - progress.notices.length - 4);
  const warnings = progress.warnings.slice(-room);
  const hiddenWarnings = progress.warnings.length - warnings.length;
  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {error ? 'stemma · analysis failed' : `stemma · analysing… ${elapsed}s`}
        {progress.current ? <Text color={paint('cyan')}>{` · ${progress.current}`}</Text> : null}
      </Text>
      {progress.stages.map((s) => (
        <StageLine key={s.stage} status={s} width={width} />
      ))}
      {progress.notices.map((n, i) => (
        <Text key={`notice-${i}`} dimColor wrap="truncate-end">
          {truncate(toOneLine(showInvisible(n)), width)}
        </Text>
      ))}
      {progress.warnings.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={paint('yellow')}>{`Warnings (${progress.warnings.length})`}</Text>
          {hiddenWarnings > 0 ? <Text dimColor>{`… ${hiddenWarnings} earlier`}</Text> : null}
          {warnings.map((w, i) => (
            <Text key={i} color={paint('yellow')} wrap="truncate-end">
              {truncate(`! ${toOneLine(showInvisible(w))}`, width)}
            </Text>
          ))}
        </Box>
      ) : null}
      {error ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={paint('red')} wrap="wrap">
            {toOneLine(showInvisible(error))}
          </Text>
          <Text dimColor>q quit</Text>
        </Box>
      ) : (
        <Text dimColor>q / ctrl-c quit</Text>
      )}
    </Box>
  );
}
