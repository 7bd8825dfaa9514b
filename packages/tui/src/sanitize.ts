 
import stripAnsi from 'strip-ansi';

/*
 * Titles and paragraphs come from scraped web pages, so they are hostile
 * input: an OSC sequence retitles the terminal, CSI 2J clears it, a bare CR
 * overwrites what was drawn, and a bidi override reorders the text the user
 * reads. Everything the TUI draws passes through here first.
 *
 * The order matters: whole control *strings* (OSC, DCS, ...) go first so their
 * payload ("0;pwned") does not survive as visible text, then CSI/escape
 * sequences, then any control character still standing.
 */

/** OSC, DCS, SOS, PM, APC: introducer, payload, terminator (BEL or ST). */
const controlString = /(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)/g;
/** CSI in its 7-bit and 8-bit forms, per ECMA-48 (parameter, intermediate, final bytes). */
const csi = /(?:\u001B\[|\u009B)[0-?]*[ -/]*[@-~]/g;
/** Other escape sequences: ESC, intermediate bytes, one final byte (e.g. ESC c, a full reset). */
const escape = /\u001B[ -/]*[0-~]/g;
/** C0 and C1 controls, DEL, and the Unicode line/paragraph separators. Tab and LF are handled separately. */
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;
/** Bidi embeddings, overrides and isolates ("Trojan Source"), and the Arabic letter mark. */
const bidi = /[\u061C\u202A-\u202E\u2066-\u2069]/g;

function stripSequences(text: string): string {
  return stripAnsi(text.replace(controlString, '').replace(csi, '').replace(escape, ''));
}

/**
 * Makes untrusted text safe to draw on one line: removes ANSI/OSC escape
 * sequences, C0/C1 control characters and bidi overrides, and folds every
 * kind of line break and tab into a single space.
 * `null`/`undefined` become the empty string.
 */
export function sanitize(text: string | null | undefined): string {
  if (text == null) return '';
  return stripSequences(text)
    .replace(/[\t\n\r\v\f\u2028\u2029]+/g, ' ')
    .replace(controls, '')
    .replace(bidi, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/**
 * Like {@link sanitize} but keeps line breaks (CRLF and lone CR become LF,
 * which a terminal cannot use to overwrite a line); tabs become a space.
 */
export function sanitizeMultiline(text: string | null | undefined): string {
  if (text == null) return '';
  return stripSequences(text)
    .replace(/\r\n?|[\v\f\u2028\u2029]/g, '\n')
    .replace(/\t/g, ' ')
    .replace(controls, '')
    .replace(bidi, '')
    .trim();
}
