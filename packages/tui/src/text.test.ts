import { describe, expect, it } from 'vitest';
import { displayWidth, fit, truncate, wrap } from './text.js';

describe('wrap', () => {
  it('breaks at spaces within the width', () => {
    expect(wrap('the quick brown fox jumps', 10)).toEqual(['the quick', 'brown fox', 'jumps']);
  });

  it('breaks words longer than a line and keeps line feeds', () => {
    expect(wrap('abcdefghij xy\nz', 4)).toEqual(['abcd', 'efgh', 'ij', 'xy', 'z']);
  });

  it('measures wide characters as two cells', () => {
    const lines = wrap('東京都 東京都', 6);
    expect(lines).toEqual(['東京都', '東京都']);
    for (const l of wrap('東京都東京都東京', 5)) expect(displayWidth(l)).toBeLessThanOrEqual(5);
  });

  it('returns one empty line for empty text', () => {
    expect(wrap('', 10)).toEqual(['']);
  });
});

describe('truncate and fit', () => {
  it('cuts with an ellipsis and pads to the exact width', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(displayWidth(fit('東京都東京都', 5))).toBe(5);
  });
});
