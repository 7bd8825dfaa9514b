import type { AnalysisResult, PipelineEvent } from '@stemma/core';
import { Box, Text, useApp, useInput, useStdin } from 'ink';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { noColorRequested } from '../color.js';
import { detailLines } from '../detail-lines.js';
import { buildForest, edgeCounts, filterActive, visibleRows, type Filter } from '../forest.js';
import {
  initialNav,
  navigate,
  searchMatches,
  windowStart,
  type NavAction,
  type NavState,
} from '../navigation.js';
import { initialProgress, reduceProgress, type Progress } from '../progress.js';
import { buildSearchIndex, matcher } from '../search.js';
import { displayWidth, truncate } from '../text.js';
import { useTerminalSize, type TerminalSize } from '../use-terminal-size.js';
import { DetailPanel } from './DetailPanel.js';
import { ForestView } from './ForestView.js';
import { ProgressView } from './ProgressView.js';

/** Loads the result, reporting progress through `onEvent` (e.g. a wrapped `runPipeline`). */
export type ResultLoader = (onEvent: (event: PipelineEvent) => void) => Promise<AnalysisResult>;

export type AppProps = {
  /** Draw for this size instead of the terminal's (e.g. with `renderToString`). */
  readonly size?: TerminalSize | undefined;
  /** Called once with the exit code when the user quits: 0 after a result, 1 after a failure, 130 when interrupted. */
  readonly onExit?: ((code: number) => void) | undefined;
} & ({ readonly result: AnalysisResult } | { readonly load: ResultLoader });

/** Exit codes: quit after looking at a result, after a failed run, or while the run was going. */
export const exitCodes = { ok: 0, failed: 1, interrupted: 130 } as const;

const helpKeys = '/ search  f kind  +/- conf  p/c parent/child  ? help  q quit';
const shortHelpKeys = '? help  q quit';

/** The filter as the status line says it. */
function describeFilter(filter: Filter): string {
  const kind = filter.kind === 'all' ? 'all kinds' : filter.kind;
  return `${kind} · conf ≥ ${(filter.minTenths / 10).toFixed(1)}`;
}

/** A key's text, if it is something to type into the search (no control characters). */
function typed(input: string): string {
  return input.replace(/[\p{Cc}\p{Cf}]/gu, '');
}

/** A horizontal rule with a label, exactly `width` cells wide. */
function rule(label: string, width: number): string {
  const head = truncate(label, width);
  return head + '─'.repeat(Math.max(0, width - displayWidth(head)));
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Rows per page and the full-screen split between tree and detail panel. */
function layout(totalRows: number, treeRows: number): { tree: number; detail: number } {
  // One row less than the terminal: Ink redraws the whole screen (flicker) when output fills it.
  const body = Math.max(4, totalRows - 1 - 3);
  const tree = Math.max(1, Math.min(treeRows, Math.max(3, Math.floor(body * 0.4))));
  return { tree, detail: Math.max(1, body - tree) };
}

function Browser({
  result,
  size: fixedSize,
  onQuit,
}: {
  readonly result: AnalysisResult;
  readonly size: TerminalSize | undefined;
  readonly onQuit: (code: number) => void;
}) {
  const { columns, rows: termRows } = useTerminalSize(fixedSize);
  const width = Math.max(20, columns);
  const forest = useMemo(() => buildForest(result.report, result.stories.keys()), [result]);
  const searchIndex = useMemo(() => buildSearchIndex(result), [result]);
  const [nav, setNav] = useState<NavState>(() => initialNav(forest));
  const [treeStart, setTreeStart] = useState(0);
  const { isRawModeSupported } = useStdin();
  const markers = noColorRequested();

  const rows = visibleRows(forest, nav.collapsed, nav.filter);
  const selectedIndex = Math.max(
    0,
    rows.findIndex((r) => r.key === nav.selectedKey),
  );
  const size = layout(termRows, rows.length);
  const start = windowStart(treeStart, selectedIndex, size.tree, rows.length);
  useEffect(() => {
    if (start !== treeStart) setTreeStart(start);
  }, [start, treeStart]);

  const help = nav.mode === 'help';
  // The help takes the whole body: tree, rule and panel.
  const panelHeight = help ? size.tree + 1 + size.detail : size.detail;
  const lines = useMemo(
    () => detailLines(nav.mode, rows[selectedIndex], result, width, { markers }),
    // rows[selectedIndex] follows from the selection, the collapsed set, the filter and the forest; scrolling keeps the lines.
    [nav.mode, nav.selectedKey, nav.collapsed, nav.filter, forest, result, width, markers],
  );
  const maxScroll = Math.max(0, lines.length - panelHeight);
  const scroll = Math.min(nav.scroll, maxScroll);

  const matches = useMemo(
    () => (nav.query === '' ? [] : searchMatches(nav, forest, searchIndex)),
    // Only the query and the filter decide the matches.
    [nav.query, nav.filter, forest, searchIndex],
  );
  const isMatch = useMemo(() => matcher(searchIndex, nav.query), [searchIndex, nav.query]);
  const counts = useMemo(
    () => (filterActive(nav.filter) ? edgeCounts(forest, nav.filter) : null),
    [forest, nav.filter],
  );

  const dispatch = (action: NavAction): void =>
    setNav((s) => navigate(s, action, forest, searchIndex));
  // What the key handler needs from the latest frame. Ink re-subscribes the
  // handler in a passive effect, which can run after the next key arrives: a
  // key typed right after "/" would still see the old mode. A ref set at
  // commit time is always current.
  const live = useRef({ typing: nav.typing, help, maxScroll, panelHeight });
  useLayoutEffect(() => {
    live.current = { typing: nav.typing, help, maxScroll, panelHeight };
  });
  useInput(
    (input, key) => {
      const { typing, help, maxScroll, panelHeight } = live.current;
      if (key.ctrl && input === 'c') onQuit(exitCodes.ok);
      else if (typing) {
        // Typing a search: keys are text, but for the few that end it.
        if (key.escape) dispatch({ type: 'search-clear' });
        else if (key.return) dispatch({ type: 'search-keep' });
        else if (key.backspace || key.delete) dispatch({ type: 'search-erase' });
        else if (key.upArrow) dispatch({ type: 'move', by: -1 });
        else if (key.downArrow) dispatch({ type: 'move', by: 1 });
        else if (!key.ctrl && !key.meta && typed(input) !== '')
          dispatch({ type: 'search-type', text: typed(input) });
      } else if (input === 'q') onQuit(exitCodes.ok);
      else if (key.upArrow) dispatch({ type: 'move', by: -1 });
      else if (key.downArrow) dispatch({ type: 'move', by: 1 });
      else if (key.home) dispatch({ type: 'move', by: -Infinity });
      else if (key.end) dispatch({ type: 'move', by: Infinity });
      else if (key.rightArrow) dispatch({ type: 'expand' });
      else if (key.leftArrow) dispatch({ type: 'collapse' });
      else if (key.return) dispatch({ type: 'toggle' });
      else if (key.escape)
        dispatch(help ? { type: 'mode', mode: 'help' } : { type: 'search-clear' });
      else if (input === 'j') dispatch({ type: 'scroll', by: 1, max: maxScroll });
      else if (input === 'k') dispatch({ type: 'scroll', by: -1, max: maxScroll });
      else if (key.pageDown || input === ' ')
        dispatch({ type: 'scroll', by: panelHeight - 1, max: maxScroll });
      else if (key.pageUp) dispatch({ type: 'scroll', by: -(panelHeight - 1), max: maxScroll });
      else if (input === 'i') dispatch({ type: 'mode', mode: 'independent' });
      else if (input === 'w') dispatch({ type: 'mode', mode: 'warnings' });
      else if (input === '?') dispatch({ type: 'mode', mode: 'help' });
      else if (input === '/') dispatch({ type: 'search-start' });
      else if (input === 'n') dispatch({ type: 'search-next', by: 1 });
      else if (input === 'N') dispatch({ type: 'search-next', by: -1 });
      else if (input === 'f') dispatch({ type: 'filter-kind', by: 1 });
      else if (input === 'F') dispatch({ type: 'filter-kind', by: -1 });
      else if (input === '+' || input === '=') dispatch({ type: 'filter-confidence', by: 1 });
      else if (input === '-') dispatch({ type: 'filter-confidence', by: -1 });
      else if (input === 'p') dispatch({ type: 'jump', to: 'parent' });
      else if (input === 'c') dispatch({ type: 'jump', to: 'child' });
    },
    { isActive: isRawModeSupported === true },
  );

  const { report } = result;
  const singletons = forest.singletons.length;
  const summary = [
    `${result.stories.size} ${result.stories.size === 1 ? 'story' : 'stories'}`,
    plural(report.relations.length, 'relation'),
    plural(forest.trees.length, 'tree'),
    report.hidden.length > 0 ? `${report.hidden.length} hidden` : null,
    singletons > 0 ? plural(singletons, 'singleton') : null,
    `${report.independent.length} independent`,
    report.warnings.length > 0 ? plural(report.warnings.length, 'warning') : null,
  ].filter((x) => x !== null);
  const position =
    lines.length > panelHeight
      ? ` lines ${scroll + 1}–${Math.min(lines.length, scroll + panelHeight)} of ${lines.length} `
      : ' ';
  const panelName = nav.mode === 'node' ? 'detail' : nav.mode;
  // The tree pane scrolls too; say where in it the selection is.
  const treePosition =
    rows.length > size.tree ? `── tree ${selectedIndex + 1}/${rows.length} ` : '';

  // The status line: the search being typed, or the filter and search in force.
  const safeQuery = typed(nav.query);
  const found = matches.indexOf(nav.selectedKey ?? '');
  const searchState =
    nav.query === ''
      ? null
      : matches.length === 0
        ? `/${safeQuery}: no match`
        : `/${safeQuery}: ${found === -1 ? '–' : found + 1}/${matches.length} (n/N)`;
  let status: string;
  if (nav.typing) {
    status = `/${safeQuery}▏  ${matches.length} match${matches.length === 1 ? '' : 'es'} · enter keep · esc clear`;
  } else {
    const filterState =
      counts === null
        ? `filter ${describeFilter(nav.filter)}`
        : `filter ${describeFilter(nav.filter)} (${counts.shown} of ${counts.total} edges)`;
    const left = [filterState, searchState].filter((x) => x !== null).join(' · ');
    const keys = displayWidth(`${left}  ${helpKeys}`) <= width ? helpKeys : shortHelpKeys;
    const gap = Math.max(2, width - displayWidth(left) - displayWidth(keys));
    status = `${left}${' '.repeat(gap)}${keys}`;
  }

  return (
    <Box flexDirection="column" width={width}>
      <Text bold wrap="truncate-end">
        {truncate(`stemma · ${summary.join(' · ')}`, width)}
      </Text>
      {help ? null : (
        <Box height={size.tree} flexDirection="column" overflow="hidden">
          {rows.length === 0 && filterActive(nav.filter) ? (
            <Text dimColor wrap="truncate-end">
              {truncate(
                ' No edge passes the filter: f changes the kind, - lowers the confidence.',
                width,
              )}
            </Text>
          ) : (
            <ForestView
              result={result}
              rows={rows.slice(start, start + size.tree)}
              selectedKey={nav.selectedKey}
              width={width}
              isMatch={isMatch}
            />
          )}
        </Box>
      )}
      <Text dimColor wrap="truncate-end">
        {rule(`${help ? '' : treePosition}── ${panelName}${position}`, width)}
      </Text>
      <Box height={panelHeight} flexDirection="column" overflow="hidden">
        <DetailPanel lines={lines.slice(scroll, scroll + panelHeight)} width={width} />
      </Box>
      <Text dimColor={!nav.typing} wrap="truncate-end">
        {truncate(status, width)}
      </Text>
    </Box>
  );
}

function Loading({
  load,
  size: fixedSize,
  onQuit,
  onLoaded,
}: {
  readonly load: ResultLoader;
  readonly size: TerminalSize | undefined;
  readonly onQuit: (code: number) => void;
  readonly onLoaded: (result: AnalysisResult) => void;
}) {
  const { columns, rows } = useTerminalSize(fixedSize);
  const [progress, setProgress] = useState<Progress>(initialProgress);
  const [elapsed, setElapsed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const { isRawModeSupported } = useStdin();

  // The loader runs once per mount; later renders must not restart it.
  const [run] = useState(() => ({ load, onLoaded }));
  useEffect(() => {
    let live = true;
    const started = Date.now();
    const timer = setInterval(() => setElapsed(Math.floor((Date.now() - started) / 1000)), 1000);
    run
      .load((event) => {
        if (live) setProgress((p) => reduceProgress(p, event));
      })
      .then(
        (result) => {
          clearInterval(timer);
          if (live) run.onLoaded(result);
        },
        (err: unknown) => {
          clearInterval(timer);
          if (live) setError(err instanceof Error ? err.message : String(err));
        },
      );
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [run]);

  // No keyboard: nothing more to see once the run failed.
  useEffect(() => {
    if (error !== null && !isRawModeSupported) onQuit(exitCodes.failed);
  }, [error, isRawModeSupported, onQuit]);

  useInput(
    (input, key) => {
      if (
        input === 'q' ||
        (key.ctrl && input === 'c') ||
        (error !== null && (key.return || key.escape))
      ) {
        onQuit(error === null ? exitCodes.interrupted : exitCodes.failed);
      }
    },
    { isActive: isRawModeSupported === true },
  );
  return (
    <ProgressView
      progress={progress}
      width={Math.max(20, columns)}
      height={rows - 1}
      elapsed={elapsed}
      error={error ?? undefined}
    />
  );
}

/**
 * The Stemma TUI: progress while a result loads, then the lineage forest with
 * a side-by-side view of the selected edge's aligned paragraphs.
 * Give `result` to show a finished analysis, or `load` to run one.
 * Without a raw-mode terminal (piped stdin) it draws once and exits.
 */
export function App(props: AppProps) {
  const { exit } = useApp();
  const { isRawModeSupported } = useStdin();
  const [result, setResult] = useState<AnalysisResult | null>(
    'result' in props ? props.result : null,
  );
  const [quit, setQuit] = useState<number | null>(null);
  const onQuit = useCallback((code: number): void => setQuit((q) => q ?? code), []);

  // Exit after the frame that triggered it has been drawn.
  const [onExit] = useState(() => props.onExit);
  useEffect(() => {
    if (quit === null) return;
    onExit?.(quit);
    exit();
  }, [quit, onExit, exit]);

  // No keyboard: nothing to browse, so leave once the result is on screen.
  useEffect(() => {
    if (!isRawModeSupported && result !== null) onQuit(exitCodes.ok);
  }, [isRawModeSupported, result, onQuit]);

  if (result !== null) return <Browser result={result} size={props.size} onQuit={onQuit} />;
  return 'load' in props ? (
    <Loading load={props.load} size={props.size} onQuit={onQuit} onLoaded={setResult} />
  ) : null;
}
