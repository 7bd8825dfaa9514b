import { expect, it } from 'vitest';
import { percentile } from './stats.js';

it('percentile takes the nearest rank', () => {
  const xs = [5, 1, 4, 2, 3];
  expect(percentile(xs, 50)).toBe(3);
  expect(percentile(xs, 20)).toBe(1);
  expect(percentile(xs, 21)).toBe(2);
  expect(percentile(xs, 100)).toBe(5);
  expect(
    percentile(
      Array.from({ length: 50 }, (_, i) => i),
      99,
    ),
  ).toBe(49);
  expect(percentile([], 50)).toBeNaN();
  expect(() => percentile(xs, 0)).toThrow(RangeError);
});
