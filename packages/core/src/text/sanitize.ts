import stripAnsi from 'strip-ansi';
import { expectString } from '../args.js';

/*
 * Text in a report comes from arbitrary web pages, so it is hostile input: an
 * OSC sequence retitles the terminal, CSI 2J clears it, a bare CR overwrites
 * what was drawn, and a bidi override reorders the text the user reads.
 * Before any of it reaches a terminal (CLI, TUI), a Markdown viewer, a
 * browser or Graphviz, one of these functions removes what could drive the
 * device rather than read as text.
 *
 * Invisible format characters go too: bidi controls reorder what is read
 * ("report\u202Etxt.exe" shows as "reportexe.txt"), and zero-width spaces,
 * the BOM, word joiners and tag characters hide text or make two different
 * ids look alike. Reports and the TUI drop them; messages that name inputs
 * first pass through {@link showInvisible}, which writes each as `<U+202E>`,
 * so a file name stays findable. JSON reports keep the text as it was: these
 * functions are for people, not data. ZWJ and ZWNJ are kept by the removing
 * functions: Persian, Indic scripts and emoji need them to spell words, and
 * they cannot reorder text.
 *
 * The order matters: whole control *strings* (OSC, DCS, ...) go first so their
 * payload ("0;pwned", spaces included, which strip-ansi would leave) does not
 * survive as visible text, then CSI/escape sequences, then any control
 * character still standing.
 */

/** OSC, DCS, SOS, PM, APC: introducer, payload, terminator (BEL or ST). */
const controlString =
  /(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u0090\u0098\u009C-\u009F]*(?:\u0007|\u001B\\|\u009C)/g;
/** CSI in its 7-bit and 8-bit forms, per ECMA-48 (parameter, intermediate, final bytes). */
const csi = /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]/g;
/** Other escape sequences: ESC, intermediate bytes, one final byte (e.g. ESC c, a full reset). */
const escape = /\u001B[ -/]*[0-~]/g;
/** C0 controls but tab and LF, DEL, C1 controls. CR goes too: it rewinds the line. */
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
/**
 * Bidi embeddings, overrides and isolates ("Trojan Source"), the Arabic,
 * left-to-right and right-to-left marks; and invisible format characters:
 * soft hyphen, combining grapheme joiner, Mongolian vowel separator,
 * zero-width space, word joiner and invisible operators, deprecated format
 * controls, BOM / zero-width no-break space, interlinear annotation, tags.
 */
const invisible =
  /\u034F|[\u00AD\u061C\u180E\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;
/** The same plus ZWNJ and ZWJ, for {@link showInvisible}, where every invisible character counts. */
const invisibleOrJoiner =
  /\u034F|[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB]|\uDB40[\uDC00-\uDC7F]/g;

function stripSequences(text: string): string {
  return stripAnsi(text.replace(controlString, '').replace(csi, '').replace(escape, ''));
}

function removeControls(text: string): string {
  return text.replace(controls, '').replace(invisible, '');
}

/**
 * Writes every bidi control and invisible format character (ZWJ and ZWNJ
 * included) as its code point, `<U+202E>`, so that a name shows what it
 * holds: `showInvisible('report\u202Etxt.exe')` is `'report<U+202E>txt.exe'`.
 * Leaves everything else as it is; compose with {@link toOneLine} for a
 * terminal (the CLI does, for messages that name inputs).
 * @throws {CoreError} INVALID_ARGUMENT when `text` is not a string.
 */
export function showInvisible(text: string): string {
  expectString(text, 'showInvisible: text');
  return text.replace(
    invisibleOrJoiner,
    (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}

/**
 * Removes ANSI/VT escape sequences (CSI, OSC, DCS, …), C0/C1 control
 * characters, bidi controls and invisible format characters, keeping `\n`
 * and `\t` (U+2028 and U+2029 become `\n`). Safe for anything printed to a
 * terminal.
 *
 * @example stripControl('\u001B[31mred\u001B[0m\u0007') // 'red'
 * @throws {CoreError} INVALID_ARGUMENT when `text` is not a string.
 */
export function stripControl(text: string): string {
  expectString(text, 'stripControl: text');
  return removeControls(stripSequences(text).replace(/[\u2028\u2029]/g, '\n'));
}

/**
 * Makes untrusted text safe to show on one line: {@link stripControl}, with
 * every line break (CR included) and tab folded, like any run of whitespace,
 * into one space, and the ends trimmed. `null`/`undefined` become "".
 * @throws {CoreError} INVALID_ARGUMENT when `text` is neither a string nor null/undefined.
 */
export function toOneLine(text: string | null | undefined): string {
  if (text == null) return '';
  expectString(text, 'toOneLine: text');
  return removeControls(stripSequences(text).replace(/[\r\v\f]/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Like {@link toOneLine} but keeps line breaks: CRLF, lone CR (which a
 * terminal would use to overwrite a line) and the other breaks become LF, tabs
 * a space. `null`/`undefined` become "".
 * @throws {CoreError} INVALID_ARGUMENT when `text` is neither a string nor null/undefined.
 */
export function sanitizeMultiline(text: string | null | undefined): string {
  if (text == null) return '';
  expectString(text, 'sanitizeMultiline: text');
  return removeControls(stripSequences(text).replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n'))
    .replace(/\t/g, ' ')
    .trim();
}
