import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../test/helpers/report.js';
import { renderJson } from './json.js';

describe('renderJson', () => {
  it('is 2-space JSON that parses back to the same report', () => {
    const text = renderJson(fixtureReport);
    expect(text.startsWith('{\n  "schemaVersion": 2,')).toBe(true);
    expect(JSON.parse(text)).toEqual(fixtureReport);
  });

  it('writes C1 controls and DEL as \\u escapes without changing the value', () => {
    const report = { ...fixtureReport, warnings: ['a\u009B31mb\u007Fc'] };
    const text = renderJson(report);
    expect(text).toContain('"a\\u009b31mb\\u007fc"');
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/);
    expect(JSON.parse(text)).toEqual(report);
  });
});
