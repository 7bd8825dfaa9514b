import { expectArg } from '../args.js';
import type { Report } from '../types.js';
import { reportRule } from './report-rule.js';

/**
 * The report as pretty-printed JSON (2-space indent), as `--format json`
 * prints it. JSON.stringify escapes C0 controls but writes C1 controls
 * (U+0080–U+009F, e.g. U+009B, a one-byte CSI on some terminals) and DEL as
 * they are; those are written as `\u` escapes instead. The parsed value is
 * unchanged.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function renderJson(report: Report): string {
  expectArg(report, 'renderJson: report', reportRule);
  const text = JSON.stringify(report, null, 2).replace(
    /[\u007F-\u009F]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
