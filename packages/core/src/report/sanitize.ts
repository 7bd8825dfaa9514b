import stripAnsi from 'strip-ansi';
import { expectString } from '../args.js';

/*
 * Text in a report comes from arbitrary web pages. Before any of it reaches a
 * terminal, a Markdown viewer or Graphviz we remove what could drive the
 * device rather than read as text: escape sequences and control characters.
 */

// String-type sequences (OSC, DCS, SOS, PM, APC) carry a free-form payload up to
// a terminator (BEL, ESC \ or C1 ST). strip-ansi only knows OSC payloads without
// spaces, so a window title like "ESC]0;evil title BEL" would leave its payload
// behind; remove the whole sequence first.
const stringSequence =
   
  /(?:\u001B[\]PX^_]|[\u0090\u0098\u009D\u009E\u009F])[^\u0007\u001B\u009C]*(?:\u0007|\u001B\\|\u009C)/g;

// C0 controls except \t (09) and \n (0A), DEL, and C1 controls. \r goes too:
// on a terminal it rewinds the line and lets later text overwrite earlier text.
 
const controls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Removes ANSI/VT escape sequences (CSI, OSC, DCS, …) and C0/C1 control
 * characters, keeping `\n` and `\t`. Safe for anything printed to a terminal.
 *
 * @example stripControl('\u001B[31mred\u001B[0m\u0007') // 'red'
 * @throws {CoreError} INVALID_ARGUMENT when `text` is not a string.
 */
export function stripControl(text: string): string {
  expectString(text, 'stripControl: text');
  return stripAnsi(text.replace(stringSequence, '')).replace(controls, '');
}

/**
 * {@link stripControl}, then folds every run of whitespace (newlines and tabs
 * included) into one space and trims: for values shown on a single line.
 * @throws {CoreError} INVALID_ARGUMENT when `text` is not a string.
 */
export function toOneLine(text: string): string {
  expectString(text, 'toOneLine: text');
  return stripControl(text).replace(/\s+/g, ' ').trim();
}
