import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { expectString } from '../args.js';
import { CoreError } from '../errors.js';
import type { Report } from '../types.js';

// ajv-formats is CommonJS with `module.exports = plugin; exports.default = plugin`.
// Under NodeNext the default import is typed as the module object, so take
// `.default` when the types say so and fall back to the value itself at runtime.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule.default }).default ??
  (addFormatsModule as unknown as typeof addFormatsModule.default);

/** Where the schema file lives, from `src/report/` and `dist/report/` alike. */
export const reportSchemaUrl = new URL('../../schema/report.schema.json', import.meta.url);

let compiled: ValidateFunction | undefined;

/**
 * The report JSON Schema (draft 2020-12), read from the package's `schema/`
 * folder once and cached.
 * @throws Error when the schema file is missing from the installed package.
 */
export function loadReportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(reportSchemaUrl, 'utf8')) as Record<string, unknown>;
}

function validator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2020({ allErrors: false, strict: true });
    addFormats(ajv, ['date']);
    compiled = ajv.compile(loadReportSchema());
  }
  return compiled;
}

/** One line for ajv's first error: where it is and what is wrong. */
function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '(root)' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  let what = error.message ?? 'is invalid';
  if (error.keyword === 'additionalProperties') {
    what = `has unknown property "${String(params['additionalProperty'])}"`;
  } else if (error.keyword === 'enum') {
    what = `must be one of ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  }
  return `${where} ${what}`;
}

/**
 * Checks a value against the report schema (`schema/report.schema.json`).
 *
 * @param value - Parsed JSON, or a report built in memory.
 * @param subject - What to name in the error (a file path, "report").
 * @throws CoreError INVALID_REPORT naming the first problem, e.g.
 *   `report: report does not match the schema (/relations/0/kind must be one of verbatim, …)`;
 *   INVALID_ARGUMENT when `subject` is not a string.
 */
export function validateReport(value: unknown, subject = 'report'): asserts value is Report {
  expectString(subject, 'validateReport: subject');
  const validate = validator();
  if (!validate(value)) {
    const first = validate.errors?.[0];
    throw new CoreError(
      'INVALID_REPORT',
      subject,
      first === undefined ? 'unknown problem' : describe(first),
    );
  }
}
