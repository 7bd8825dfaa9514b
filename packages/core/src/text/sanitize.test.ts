import { describe, expect, it } from 'vitest';
import { sanitizeMultiline, showInvisible, stripControl, toOneLine } from './sanitize.js';

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

/** Any byte a terminal would act on rather than print. */
const anyControl = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

// Moved from the TUI, where toOneLine was called sanitize.
describe('toOneLine on terminal attacks', () => {
  it.each([
    ['OSC retitle, BEL-terminated', 'A\u001b]0;pwned\u0007B', 'AB'],
    ['OSC retitle with spaces, ST-terminated', 'A\u001b]2;you have been pwned\u001b\\B', 'AB'],
    ['OSC 8 hyperlink', '\u001b]8;;https://evil.example\u0007click\u001b]8;;\u0007', 'click'],
    ['8-bit OSC', 'A\u009d0;pwned\u009cB', 'AB'],
    ['clear screen', 'A\u001b[2JB', 'AB'],
    ['cursor home + clear', '\u001b[H\u001b[2J\u001b[3JTitle', 'Title'],
    ['8-bit CSI colour', 'A\u009b31mB', 'AB'],
    ['alternate screen', 'A\u001b[?1049hB', 'AB'],
    ['full reset (RIS)', 'A\u001bcB', 'AB'],
    ['DCS string', 'A\u001bPq#0;2;0;0;0\u001b\\B', 'AB'],
    ['bell and backspace', 'A\u0007\u0008B', 'AB'],
    ['carriage return overwrite', 'safe\rEVIL', 'safe EVIL'],
    ['newlines and tabs fold to one space', 'a\n\n\tb', 'a b'],
    ['bidi override', 'abc\u202Eevil\u202C', 'abcevil'],
    ['DEL and C1 NEL', 'A\u007fB\u0085C', 'ABC'],
  ])('%s', (_name, input, expected) => {
    const out = toOneLine(input);
    expect(out).toBe(expected);
    expect(out).not.toMatch(anyControl);
  });

  it('keeps ordinary Unicode text', () => {
    expect(toOneLine('Café — “quoted” 東京 ✓')).toBe('Café — “quoted” 東京 ✓');
  });

  it('maps null and undefined to the empty string', () => {
    expect(toOneLine(null)).toBe('');
    expect(toOneLine(undefined)).toBe('');
  });

  it('leaves no ESC byte even for an unterminated OSC', () => {
    expect(toOneLine('A\u001b]0;pwned')).not.toMatch(anyControl);
  });
});

describe('sanitizeMultiline', () => {
  it('keeps line feeds and turns CR/CRLF into LF', () => {
    expect(sanitizeMultiline('one\r\ntwo\rthree\nfour')).toBe('one\ntwo\nthree\nfour');
  });

  it('strips escape sequences and controls', () => {
    const out = sanitizeMultiline('a\u001b]0;pwned\u0007\n\u001b[2Jb\u009b31m\tc');
    expect(out).toBe('a\nb c');
    expect(out).not.toMatch(anyControl);
  });
});

/** Bidi controls and invisible format characters a page or file name can carry. */
const invisibles = [
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E', // embeddings and overrides
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069', // isolates
  '\u200E',
  '\u200F',
  '\u061C', // marks
  '\u200B',
  '\u2060',
  '\u2061',
  '\u2064',
  '\uFEFF',
  '\u00AD',
  '\u180E',
  '\u034F', // zero-width
  '\u206A',
  '\uFFF9',
  '\u{E0041}', // deprecated format, interlinear annotation, tag "A"
];
const anyInvisible =
  /\u034F|[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\u{E0041}/u;

describe('display spoofing (bidi and invisible characters)', () => {
  it.each(invisibles.map((c) => [`U+${c.codePointAt(0)!.toString(16).toUpperCase()}`, c]))(
    'removes %s from every human-facing form',
    (_name, char) => {
      const text = `report${char}txt.exe\nnext${char}`;
      expect(toOneLine(text)).toBe('reporttxt.exe next');
      expect(stripControl(text)).toBe('reporttxt.exe\nnext');
      expect(sanitizeMultiline(text)).toBe('reporttxt.exe\nnext');
    },
  );

  it('shows each invisible character as its code point with showInvisible', () => {
    expect(showInvisible('report\u202Etxt.exe')).toBe('report<U+202E>txt.exe');
    expect(showInvisible('a\u200Bb\u200Dc\uFEFF\u{E0041}')).toBe(
      'a<U+200B>b<U+200D>c<U+FEFF><U+E0041>',
    );
    for (const char of invisibles) expect(showInvisible(char)).not.toMatch(anyInvisible);
    expect(toOneLine(showInvisible('x\u2066y\u001b[2J'))).toBe('x<U+2066>y');
  });

  it('keeps ZWJ and ZWNJ, which scripts and emoji need, and folds U+2028/U+2029', () => {
    expect(toOneLine('می\u200Cخواهم 👩\u200D💻')).toBe('می\u200Cخواهم 👩\u200D💻');
    expect(stripControl('one\u2028two\u2029three')).toBe('one\ntwo\nthree');
    expect(toOneLine('one\u2028two')).toBe('one two');
  });
});
