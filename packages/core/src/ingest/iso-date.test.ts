import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDate, isValidIsoDate } from './iso-date.js';

describe('isValidIsoDate', () => {
  it.each([
    ['2024-02-29', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2023-02-29', false],
    ['9999-99-99', false],
    ['0000-01-01', false],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['+012345-01-01', false],
    ['-271821-04-20', false],
    ['2024-1-01', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });
});

describe('isoDate', () => {
  it('keeps real dates as written', () => {
    expect(isoDate('2024-03-05T23:30:00-08:00')).toBe('2024-03-05');
    expect(isoDate(' 2021-12-31 ')).toBe('2021-12-31');
    expect(isoDate('Tue, 14 Mar 2023 09:41:12 GMT')).toBe('2023-03-14');
  });

  it.each(['9999-99-99', '-271821-04', '+012345-01', '2023-02-29', '0000-00-00', 'soon'])(
    'gives null for %s',
    (value) => {
      expect(isoDate(value)).toBeNull();
    },
  );

  it('never returns anything but null or a valid date, whatever the string', () => {
    const dateLike = fc.oneof(
      fc.string(),
      fc
        .tuple(
          fc.constantFrom('', '+', '-', '+0', '-00'),
          fc.integer({ min: 0, max: 999_999 }),
          fc.integer({ min: 0, max: 99 }),
          fc.integer({ min: 0, max: 99 }),
        )
        .map(([sign, y, m, d]) => `${sign}${y}-${String(m).padStart(2, '0')}-${d}`),
    );
    fc.assert(
      fc.property(dateLike, (value) => {
        const out = isoDate(value);
        return out === null || isValidIsoDate(out);
      }),
      { numRuns: 2000 },
    );
  });
});
