import { describe, expect, it } from 'vitest';
import { fixtureReport } from '../../test/helpers/report.js';
import { reportNames, storyLabel } from './label.js';

describe('storyLabel', () => {
  it('is "Outlet — Title", else the title, else the outlet, else the id', () => {
    expect(storyLabel({ id: 'a#1', title: 'Ferry strike ends', outlet: 'AP' })).toBe(
      'AP — Ferry strike ends',
    );
    expect(storyLabel({ id: 'a#1', title: 'Ferry strike ends', outlet: null })).toBe(
      'Ferry strike ends',
    );
    expect(storyLabel({ id: 'a#1', title: ' ', outlet: 'AP' })).toBe('AP');
    expect(storyLabel({ id: 'a#1', title: null })).toBe('a#1');
  });

  it('puts a title on one line without control characters', () => {
    expect(storyLabel({ id: 'a#1', title: 'Two\nlines\u001B[31m', outlet: 'AP' })).toBe(
      'AP — Two lines',
    );
  });
});

describe('reportNames', () => {
  const names = reportNames(fixtureReport);

  it('uses a unique outlet as the short name, the label otherwise', () => {
    expect(names.short('wire#1')).toBe('Harbour Wire');
    expect(names.label('wire#1')).toBe(
      'Harbour Wire — Ferry strike halts crossings to Vell Island',
    );
    expect(names.short('courrier#1')).toBe('Grève des ferries vers l’île de Vell');
    expect(names.short('hidden:1')).toBe('hidden:1');
  });

  it('names story ids in running text and leaves other tokens alone', () => {
    expect(names.text("wire#1 (2024-03-14) is earlier than courrier#1's copy; ghost#9 stays")).toBe(
      "Harbour Wire (2024-03-14) is earlier than Grève des ferries vers l’île de Vell's copy; ghost#9 stays",
    );
  });
});
