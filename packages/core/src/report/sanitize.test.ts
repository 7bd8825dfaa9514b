import { describe, expect, it } from 'vitest';
import { stripControl, toOneLine } from './sanitize.js';

describe('stripControl', () => {
  it('removes CSI colour and screen sequences', () => {
    expect(stripControl('\u001B[31mred\u001B[0m \u001B[2Jcleared')).toBe('red cleared');
  });

  it('removes OSC sequences with spaces in the payload, BEL- or ST-terminated', () => {
    expect(stripControl('a\u001B]0;evil window title\u0007b')).toBe('ab');
    expect(stripControl('a\u001B]8;;https://x.test/\u001B\\link\u001B]8;;\u001B\\b')).toBe(
      'alinkb',
    );
  });

  it('removes DCS and C1 (8-bit) sequences', () => {
    expect(stripControl('a\u001BPq#0;2;0;0;0\u001B\\b')).toBe('ab');
    expect(stripControl('a\u009B31mb\u009D0;t\u009Cc')).toBe('abc');
  });

  it('removes remaining C0 and C1 controls but keeps newline and tab', () => {
    expect(stripControl('a\u0000b\u0007c\rd\u007Fe\u0085f\n\tg')).toBe('abcdef\n\tg');
  });

  it('leaves ordinary Unicode alone', () => {
    const text = 'Grève — “quoted” 東京 🚢';
    expect(stripControl(text)).toBe(text);
  });
});

describe('toOneLine', () => {
  it('folds newlines and tabs into single spaces and trims', () => {
    expect(toOneLine('  one\n\ntwo\tthree \u001B[1m ')).toBe('one two three');
  });
});
