import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { fixtureReport } from '../../test/helpers/report.js';
import { loadReportSchema, validateReport } from './validate.js';

type Key = string | number;

/** A deep copy of the fixture with the value at `path` replaced, or deleted when `value` is omitted. */
function broken(path: readonly Key[], ...value: [unknown?]): unknown {
  const root = structuredClone(fixtureReport) as unknown;
  let node = root as Record<Key, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<Key, unknown>;
  const last = path[path.length - 1]!;
  if (value.length === 0) delete node[last];
  else node[last] = value[0];
  return root;
}

function problem(value: unknown): string {
  try {
    validateReport(value);
  } catch (error) {
    expect(CoreError.isInstance(error)).toBe(true);
    expect((error as CoreError).code).toBe('INVALID_REPORT');
    return (error as CoreError).message;
  }
  throw new Error('expected the report to be rejected');
}

describe('report schema', () => {
  it('is a draft 2020-12 schema with schemaVersion 2', () => {
    const schema = loadReportSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((schema['properties'] as Record<string, unknown>)['schemaVersion']).toEqual({
      const: 2,
    });
  });

  it('accepts the fixture report', () => {
    expect(() => validateReport(fixtureReport)).not.toThrow();
  });

  it('accepts the fixture after a JSON round trip', () => {
    expect(() => validateReport(JSON.parse(JSON.stringify(fixtureReport)))).not.toThrow();
  });

  it('accepts optional story paragraphs', () => {
    const r = broken(['documents', 0, 'stories', 0, 'paragraphs'], ['One.', 'Two.']);
    expect(() => validateReport(r)).not.toThrow();
  });

  it('rejects a missing top-level field and names it', () => {
    const r = broken(['warnings']);
    expect(problem(r)).toMatch(/must have required property 'warnings'/);
  });

  it('rejects a missing story field with its path', () => {
    const r = broken(['documents', 1, 'stories', 0, 'excerpt']);
    expect(problem(r)).toMatch(/\/documents\/1\/stories\/0 must have required property 'excerpt'/);
  });

  it('rejects an unknown relation kind', () => {
    const r = broken(['relations', 0, 'kind'], 'plagiarised');
    expect(problem(r)).toMatch(
      /\/relations\/0\/kind must be one of verbatim, edited, paraphrase, spun, translated/,
    );
  });

  it('rejects a confidence above 1', () => {
    const r = broken(['relations', 2, 'confidence'], 2);
    expect(problem(r)).toMatch(/\/relations\/2\/confidence must be <= 1/);
  });

  it('rejects a score below 0', () => {
    const r = broken(['relations', 1, 'scores', 'lexical'], -0.1);
    expect(problem(r)).toMatch(/\/relations\/1\/scores\/lexical/);
  });

  it('rejects unknown properties', () => {
    const r = broken(['relations', 0, 'extra'], true);
    expect(problem(r)).toMatch(/has unknown property "extra"/);
  });

  it('rejects a story id without "#<n>"', () => {
    const r = broken(['documents', 0, 'stories', 0, 'id'], 'wire');
    expect(problem(r)).toMatch(/\/documents\/0\/stories\/0\/id must match pattern/);
  });

  it('rejects a non-ISO published date', () => {
    const r = broken(['documents', 0, 'published'], '14 March 2024');
    expect(problem(r)).toMatch(/\/documents\/0\/published/);
  });

  it('rejects an excerpt over 200 characters', () => {
    const r = broken(['documents', 0, 'stories', 0, 'excerpt'], 'x'.repeat(201));
    expect(problem(r)).toMatch(/excerpt must NOT have more than 200 characters/);
  });

  it('rejects another schemaVersion (a report of schema 1, before P(same meaning))', () => {
    const r = broken(['schemaVersion'], 1);
    expect(problem(r)).toMatch(/\/schemaVersion must be equal to constant/);
  });

  it('names the subject it was given', () => {
    expect(() => validateReport({}, 'out.json')).toThrow(
      /^out\.json: report does not match the schema/,
    );
  });
});
