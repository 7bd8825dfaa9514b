import { describe, expect, it } from 'vitest';
import { displayWidth } from './text.js';
import { spansText, wordDiff, wrapSpans } from './word-diff.js';

describe('wordDiff', () => {
  it('marks removed words on the parent side and added words on the child side', () => {
    const d = wordDiff(
      'Crews used boats to reach people.',
      'Rescuers used boats to reach residents.',
    );
    expect(d.parent.filter((s) => s.mark === 'removed').map((s) => s.text)).toEqual([
      'Crews',
      'people',
    ]);
    expect(d.child.filter((s) => s.mark === 'added').map((s) => s.text)).toEqual([
      'Rescuers',
      'residents',
    ]);
    expect(d.parent.some((s) => s.mark === 'added')).toBe(false);
    expect(d.child.some((s) => s.mark === 'removed')).toBe(false);
    // Unmarked, each side is its paragraph again.
    expect(spansText(d.parent)).toBe('Crews used boats to reach people.');
    expect(spansText(d.child)).toBe('Rescuers used boats to reach residents.');
  });

  it('with markers wraps each change in [-…-] / {+…+}, spaces outside', () => {
    const d = wordDiff('forcing more than 4,000 from', 'forcing over 4,000 from', {
      markers: true,
    });
    expect(spansText(d.parent)).toBe('forcing [-more than-] 4,000 from');
    expect(spansText(d.child)).toBe('forcing {+over+} 4,000 from');
  });

  it('shows the changes the HTML report shows (core wordDiff), whitespace changes unmarked', () => {
    const d = wordDiff('The  storm hit  the coast.', 'The storm struck the coast.', {
      markers: true,
    });
    expect(spansText(d.parent)).toBe('The  storm [-hit-]  the coast.');
    expect(spansText(d.child)).toBe('The storm {+struck+} the coast.');
  });

  it('marks each side changed whole when two long paragraphs share too little to diff', () => {
    const words = (prefix: string) =>
      Array.from({ length: 1_200 }, (_, i) => `${prefix}${i}`).join(' ');
    const d = wordDiff(words('a'), words('b'));
    expect(d.parent.filter((s) => s.mark === 'removed').map((s) => s.text)).toEqual([words('a')]);
    expect(d.child.every((s) => s.mark !== 'removed')).toBe(true);
    expect(spansText(d.child)).toBe(words('b'));
  });

  it('marks nothing in identical paragraphs', () => {
    const d = wordDiff('Same words here.', 'Same words here.', { markers: true });
    expect(d.parent.every((s) => s.mark === 'same')).toBe(true);
    expect(spansText(d.child)).toBe('Same words here.');
  });
});

describe('wrapSpans', () => {
  it('wraps marked text to the width, keeping marks and words whole', () => {
    const spans = wordDiff(
      'the quick brown fox jumps over the lazy dog',
      'the quick red fox leaps over the lazy dog',
      { markers: true },
    ).child;
    const lines = wrapSpans(spans, 12);
    for (const line of lines) expect(displayWidth(spansText(line))).toBeLessThanOrEqual(12);
    expect(lines.map(spansText).join(' ')).toBe(
      'the quick {+red+} fox {+leaps+} over the lazy dog',
    );
    expect(
      lines
        .flat()
        .filter((s) => s.mark === 'added')
        .map((s) => s.text),
    ).toEqual(['{+red+}', '{+leaps+}']);
  });

  it('breaks a word wider than the line, and counts wide characters as two cells', () => {
    const lines = wrapSpans([{ text: '東京都の大雨 abcdefghij', mark: 'added' }], 4);
    for (const line of lines) expect(displayWidth(spansText(line))).toBeLessThanOrEqual(4);
    expect(lines.map(spansText).join('')).toBe('東京都の大雨abcdefghij');
    expect(lines.flat().every((s) => s.mark === 'added')).toBe(true);
  });

  it('returns one empty line for empty text', () => {
    expect(wrapSpans([], 10)).toEqual([[]]);
  });
});
