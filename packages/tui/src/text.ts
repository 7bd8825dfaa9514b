import stringWidth from 'string-width';

/*
 * Column arithmetic for the side-by-side panel. Ink wraps a single <Text>,
 * but two columns that scroll together need the wrapped lines up front, so
 * wrapping happens here, measured in terminal cells (CJK counts two).
 * Inputs are already sanitized: no escape sequences to skip over.
 */

/** Terminal cells the text takes up. */
export function displayWidth(text: string): number {
  return stringWidth(text);
}

/** Cuts text to at most `width` cells, marking a cut with "…". */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (stringWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = stringWidth(char);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** Pads text with spaces to exactly `width` cells (truncating when longer). */
export function fit(text: string, width: number): string {
  const cut = truncate(text, width);
  return cut + ' '.repeat(Math.max(0, width - stringWidth(cut)));
}

/** Splits a word wider than `width` into pieces that fit. */
function hardSplit(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of word) {
    const w = stringWidth(char);
    if (used + w > width && piece !== '') {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Word-wraps text to lines of at most `width` cells. Line feeds start a new
 * line; words longer than a line are broken. Always returns at least one line.
 */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(1, width);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(' ').filter((x) => x !== '')) {
      const ww = stringWidth(word);
      if (used > 0 && used + 1 + ww <= w) {
        line += ` ${word}`;
        used += 1 + ww;
        continue;
      }
      if (used > 0) lines.push(line);
      if (ww <= w) {
        line = word;
        used = ww;
      } else {
        const pieces = hardSplit(word, w);
        line = pieces.pop() ?? '';
        used = stringWidth(line);
        lines.push(...pieces);
      }
    }
    lines.push(line);
  }
  return lines;
}

/** Formats a 0..1 score with two decimals ("0.42"). */
export function score(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : '–';
}
