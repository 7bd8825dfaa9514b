import { stringify } from 'csv-stringify/sync';
import { expectArg } from '../args.js';
import { toOneLine } from '../text/sanitize.js';
import type { Report } from '../types.js';
import { reportRule } from './report-rule.js';
import { graphNodes } from './tabular.js';

/** The columns of {@link renderCsv}, in order. */
export const csvColumns = [
  'parent',
  'child',
  'kind',
  'confidence',
  'semantic',
  'lexical',
  'coverage',
  'paraphrase',
  'aligned_paragraphs',
  'parent_title',
  'child_title',
  'parent_document',
  'child_document',
  'evidence',
  'parent_label',
  'child_label',
  'measured_against',
  'rewording',
  'extent',
  'p_wholly',
] as const;

/**
 * A cell as a spreadsheet will read it: on one line, and text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) prefixed with an apostrophe, as OWASP advises for CSV
 * injection. Titles and evidence come from web pages.
 */
function cell(text: string): string {
  const line = toOneLine(text);
  return /^[=+\-@\t\r]/.test(line) ? `'${line}` : line;
}

/**
 * Renders the report's relations as CSV (RFC 4180, a header row, one row per
 * relation, strongest first as in the report), for spreadsheets and data
 * tools. Scores are numbers in [0, 1]; `evidence` joins the relation's
 * evidence lines with " | "; `parent_label` and `child_label` name the
 * stories as people do ("Outlet — Title"); `measured_against` is the story an
 * inferred source's scores were measured against; `extent` and `p_wholly`
 * are empty where the report gives none. Independent pairs are not relations and are not
 * listed.
 * @throws {CoreError} INVALID_ARGUMENT when `report` is not a report.
 */
export function renderCsv(report: Report): string {
  expectArg(report, 'renderCsv: report', reportRule);
  const nodes = new Map(graphNodes(report).map((n) => [n.id, n]));
  const rows = report.relations.map((r) => [
    cell(r.parent),
    cell(r.child),
    r.kind,
    r.confidence,
    r.scores.semantic,
    r.scores.lexical,
    r.scores.coverage,
    r.scores.paraphrase,
    r.alignment.length,
    cell(nodes.get(r.parent)?.title ?? ''),
    cell(nodes.get(r.child)?.title ?? ''),
    cell(nodes.get(r.parent)?.document ?? ''),
    cell(nodes.get(r.child)?.document ?? ''),
    cell(r.evidence.join(' | ')),
    cell(nodes.get(r.parent)?.label ?? r.parent),
    cell(nodes.get(r.child)?.label ?? r.child),
    cell(r.measuredAgainst ?? ''),
    r.scores.rewording,
    r.extent ?? '',
    r.pWholly ?? '',
  ]);
  return stringify([[...csvColumns], ...rows], { record_delimiter: 'windows' });
}
