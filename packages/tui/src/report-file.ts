import { readFileSync } from 'node:fs';
import {
  CoreError,
  validateReport,
  type AnalysisResult,
  type Report,
  type Story,
} from '@stemma/core';

/*
 * `stemma tui --report FILE`: a saved JSON report (`stemma analyze … --format
 * json`) browsed without analysing anything. The report is checked against
 * core's schema before it is drawn; its story text is there only when it was
 * made with --include-text, and the detail panel says so when it is not.
 */

export type ReportFileErrorCode =
  'REPORT_NOT_FOUND' | 'REPORT_UNREADABLE' | 'REPORT_NOT_JSON' | 'REPORT_INVALID';

/** A report file that cannot be browsed; the message names the file and the fix. */
export class ReportFileError extends Error {
  override readonly name = 'ReportFileError';
  readonly code: ReportFileErrorCode;
  readonly file: string;

  constructor(
    code: ReportFileErrorCode,
    file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.code = code;
    this.file = file;
  }

  static isInstance(value: unknown): value is ReportFileError {
    return value instanceof Error && value.name === 'ReportFileError' && 'code' in value;
  }
}

const remake = (file: string): string =>
  `make one with: stemma analyze <paths…> --format json --include-text --out ${file}`;

/**
 * Reads and validates a saved report.
 * @throws ReportFileError when the file is missing or unreadable, not JSON,
 *   or not a report of this schema (the message names the first problem).
 */
export function readReportFile(file: string): Report {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT')
      throw new ReportFileError(
        'REPORT_NOT_FOUND',
        file,
        `${file}: no such report file; ${remake(file)}`,
        {
          cause: error,
        },
      );
    throw new ReportFileError(
      'REPORT_UNREADABLE',
      file,
      `${file}: cannot read the report (${code === 'EISDIR' ? 'a folder' : code}); give the JSON file stemma analyze --format json wrote`,
      { cause: error },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.replace(/^\uFEFF/u, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ReportFileError(
      'REPORT_NOT_JSON',
      file,
      `${file}: not a JSON report (${detail}); ${remake(file)}`,
      { cause: error },
    );
  }
  try {
    validateReport(value, file);
  } catch (error) {
    if (!(error instanceof CoreError)) throw error;
    const detail = error.message.startsWith(`${file}: `)
      ? error.message.slice(file.length + 2)
      : error.message;
    throw new ReportFileError('REPORT_INVALID', file, `${file}: ${detail}; ${remake(file)}`, {
      cause: error,
    });
  }
  return value;
}

/**
 * A saved report as the browser needs it: the report plus one Story per
 * report story, its paragraphs from `paragraphs` (--include-text), else none.
 */
export function resultFromReport(report: Report): AnalysisResult {
  const stories = new Map<string, Story>();
  for (const doc of report.documents) {
    for (const s of doc.stories) {
      stories.set(s.id, {
        id: s.id,
        docId: doc.id,
        title: s.title,
        byline: s.byline,
        published: s.published,
        attribution: s.attribution,
        source: null,
        outlets: [],
        // The outlet the report names the story under (its label's first part).
        outlet: s.outlet ?? null,
        credits: [],
        names: [],
        language: s.language ?? null,
        paragraphs: (s.paragraphs ?? []).map((text, index) => ({ index, text, start: 0, end: 0 })),
      });
    }
  }
  return { report, stories };
}
