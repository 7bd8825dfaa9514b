import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storyLabel } from '@stemma/core';
import { readReportFile, ReportFileError, resultFromReport } from './report-file.js';
import { fixtureReport } from '../test/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'stemma-tui-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

/** The error readReportFile throws for `file`. */
function failure(file: string): ReportFileError {
  try {
    readReportFile(file);
  } catch (error) {
    if (ReportFileError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('readReportFile', () => {
  it('reads a valid report', () => {
    const file = write('ok.json', JSON.stringify(fixtureReport()));
    expect(readReportFile(file).relations).toHaveLength(6);
  });

  it('refuses a missing file, a folder, non-JSON and a non-report, naming the file and the fix', () => {
    const missing = failure(join(dir, 'nope.json'));
    expect(missing.code).toBe('REPORT_NOT_FOUND');
    expect(missing.message).toBe(
      `${join(dir, 'nope.json')}: no such report file; make one with: stemma analyze <paths…> --format json --include-text --out ${join(dir, 'nope.json')}`,
    );
    expect(failure(dir).code).toBe('REPORT_UNREADABLE');
    const notJson = failure(write('bad.json', '{"schemaVersion": 1,'));
    expect(notJson.code).toBe('REPORT_NOT_JSON');
    expect(notJson.message).toMatch(
      /bad\.json: not a JSON report \(.*\); make one with: stemma analyze/,
    );
    const invalid = failure(write('other.json', JSON.stringify({ hello: 'world' })));
    expect(invalid.code).toBe('REPORT_INVALID');
    expect(invalid.message).toMatch(
      /other\.json: report does not match the schema \(.+\); make one with/,
    );
    for (const e of [missing, notJson, invalid]) expect(e.message).not.toContain('\n');
  });
});

describe('resultFromReport', () => {
  it('makes one story per report story, with paragraphs only when the report has them', () => {
    const base = fixtureReport();
    const withText = {
      ...base,
      documents: base.documents.map((d) =>
        d.id === 'wire'
          ? { ...d, stories: d.stories.map((s) => ({ ...s, paragraphs: ['One.', 'Two.'] })) }
          : d,
      ),
    };
    const result = resultFromReport(withText);
    expect(result.stories.size).toBe(10);
    expect(result.stories.get('wire#1')?.paragraphs.map((p) => p.text)).toEqual(['One.', 'Two.']);
    expect(result.stories.get('herald#1')?.paragraphs).toEqual([]);
    expect(result.stories.get('herald#1')?.title).toBe(
      'Storm floods coastal towns, thousands evacuated',
    );
  });

  it('keeps the outlet a report names a story under, so the browser labels it "Outlet — Title"', () => {
    const base = fixtureReport();
    const withOutlet = {
      ...base,
      documents: base.documents.map((d) =>
        d.id === 'wire' ? { ...d, stories: d.stories.map((s) => ({ ...s, outlet: 'AP' })) } : d,
      ),
    };
    const story = resultFromReport(withOutlet).stories.get('wire#1')!;
    expect(story.outlet).toBe('AP');
    expect(storyLabel(story)).toBe(`AP — ${story.title}`);
    expect(resultFromReport(base).stories.get('wire#1')?.outlet).toBeNull();
  });
});
