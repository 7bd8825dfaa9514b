import { wordDiff as wordRuns, type WordRun } from '@stemma/core';
import stringWidth from 'string-width';

/*
 * Word-level differences between an aligned parent and child paragraph, for
 * the side-by-side panel: the parent column shows what the copy removed, the
 * child column what it added. The HTML report's word diff finds them (core's
 * `wordDiff`, on jsdiff), so both show the same changes; marking and wrapping
 * the marked text into a column happen here, because a change may start or
 * end in the middle of a line. Inputs are already sanitized.
 */

/** What a piece of text is in the comparison: kept, removed from the parent, or added by the child. */
export type Mark = 'same' | 'removed' | 'added';

export interface Span {
  readonly text: string;
  readonly mark: Mark;
}

export interface WordDiff {
  /** The parent paragraph: kept and removed words. */
  readonly parent: readonly Span[];
  /** The child paragraph: kept and added words. */
  readonly child: readonly Span[];
}

export interface WordDiffOptions {
  /**
   * Wrap changes in `[-…-]` (removed) and `{+…+}` (added), as `git diff
   * --word-diff` does, for terminals without colour (NO_COLOR).
   */
  readonly markers?: boolean;
}

/** Splits a change into its leading space, its words and its trailing space, so markers hug the words. */
function hug(text: string, mark: Mark, markers: boolean): Span[] {
  if (mark === 'same') return [{ text, mark }];
  const body = text.trim();
  const lead = text.slice(0, text.length - text.trimStart().length);
  const trail = text.slice(text.trimEnd().length);
  if (body === '') return [{ text, mark: 'same' }];
  const shown = markers ? (mark === 'removed' ? `[-${body}-]` : `{+${body}+}`) : body;
  return [
    ...(lead === '' ? [] : [{ text: lead, mark: 'same' as const }]),
    { text: shown, mark },
    ...(trail === '' ? [] : [{ text: trail, mark: 'same' as const }]),
  ];
}

/** One side's runs as spans: its changed runs marked `mark`. */
function side(text: string, runs: readonly WordRun[], mark: Mark, markers: boolean): Span[] {
  return runs.flatMap((r) => hug(text.slice(r.start, r.end), r.changed ? mark : 'same', markers));
}

/**
 * The word-level difference of two paragraphs (words and punctuation are the
 * tokens; whitespace changes are not differences). Two long paragraphs with
 * little in common are not diffed word by word: each side comes back marked
 * as changed whole.
 */
export function wordDiff(parent: string, child: string, options: WordDiffOptions = {}): WordDiff {
  const markers = options.markers ?? false;
  const d = wordRuns(parent, child);
  return {
    parent: side(parent, d.parent, 'removed', markers),
    child: side(child, d.child, 'added', markers),
  };
}

/** The plain text of spans. */
export function spansText(spans: readonly Span[]): string {
  return spans.map((s) => s.text).join('');
}

/** Joins neighbouring spans of the same mark. */
function merge(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (last && last.mark === s.mark)
      out[out.length - 1] = { text: last.text + s.text, mark: s.mark };
    else out.push(s);
  }
  return out;
}

type Word = Span[];

/** Words (runs without whitespace, possibly of several marks) and hard line breaks. */
function words(spans: readonly Span[]): (Word | '\n')[] {
  const out: (Word | '\n')[] = [];
  let word: Word = [];
  const flush = (): void => {
    if (word.length > 0) out.push(word);
    word = [];
  };
  for (const span of spans) {
    for (const part of span.text.split(/(\s+)/u)) {
      if (part === '') continue;
      if (/^\s+$/u.test(part)) {
        flush();
        for (let i = 0; i < (part.match(/\n/gu)?.length ?? 0); i++) out.push('\n');
      } else {
        word.push({ text: part, mark: span.mark });
      }
    }
  }
  flush();
  return out;
}

const widthOf = (word: Word): number => word.reduce((n, s) => n + stringWidth(s.text), 0);

/** Breaks a word wider than `width` into pieces that fit, keeping each character's mark. */
function hardSplit(word: Word, width: number): Word[] {
  const pieces: Word[] = [];
  let piece: Span[] = [];
  let used = 0;
  for (const span of word) {
    for (const char of span.text) {
      const w = stringWidth(char);
      if (used + w > width && used > 0) {
        pieces.push(merge(piece));
        piece = [];
        used = 0;
      }
      piece.push({ text: char, mark: span.mark });
      used += w;
    }
  }
  if (piece.length > 0) pieces.push(merge(piece));
  return pieces;
}

/**
 * Word-wraps marked text to lines of at most `width` cells, as `wrap` in
 * text.ts does for plain text. The space between two words of one change
 * carries that change's mark, so a removed phrase reads as one. Always
 * returns at least one (possibly empty) line.
 */
export function wrapSpans(spans: readonly Span[], width: number): Span[][] {
  const w = Math.max(1, width);
  const lines: Span[][] = [];
  let line: Span[] = [];
  let used = 0;
  let lastMark: Mark | null = null;
  const push = (): void => {
    lines.push(merge(line));
    line = [];
    used = 0;
    lastMark = null;
  };
  for (const word of words(spans)) {
    if (word === '\n') {
      push();
      continue;
    }
    const ww = widthOf(word);
    const first = word[0]?.mark ?? 'same';
    if (used > 0 && used + 1 + ww <= w) {
      line.push({ text: ' ', mark: lastMark === first ? first : 'same' }, ...word);
      used += 1 + ww;
    } else {
      if (used > 0) push();
      if (ww <= w) {
        line.push(...word);
        used = ww;
      } else {
        const pieces = hardSplit(word, w);
        const tail = pieces.pop() ?? [];
        for (const p of pieces) lines.push(p);
        line.push(...tail);
        used = widthOf(tail);
      }
    }
    lastMark = word[word.length - 1]?.mark ?? 'same';
  }
  if (line.length > 0 || lines.length === 0) lines.push(merge(line));
  return lines;
}
