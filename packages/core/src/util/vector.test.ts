import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.js';
import { cosine, dot, norm, normalize, row } from './vector.js';

describe('vector helpers', () => {
  it('dot and norm', () => {
    expect(dot([1, 2, 3], [4, 5, 6])).toBe(32);
    expect(norm([3, 4])).toBe(5);
  });

  it('cosine of parallel, orthogonal and opposite vectors', () => {
    expect(cosine([1, 2], [2, 4])).toBeCloseTo(1, 12);
    expect(cosine([1, 0], [0, 3])).toBe(0);
    expect(cosine(new Float32Array([1, 1]), [-1, -1])).toBeCloseTo(-1, 6);
  });

  it('cosine with a zero vector is 0, not NaN', () => {
    expect(cosine([0, 0], [1, 2])).toBe(0);
  });

  it('normalize gives unit length and leaves zero vectors alone', () => {
    const v = normalize([3, 4]);
    expect(Array.from(v)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
    expect(norm(v)).toBeCloseTo(1, 6);
    expect(Array.from(normalize([0, 0]))).toEqual([0, 0]);
  });

  it('throws CoreError on a length mismatch', () => {
    expect(() => dot([1], [1, 2])).toThrow(CoreError);
    expect(() => cosine([1, 2, 3], [1, 2])).toThrow(/length mismatch/);
  });

  it('row returns a view of one row', () => {
    const m = new Float32Array([1, 2, 3, 4, 5, 6]);
    expect(Array.from(row(m, 3, 1))).toEqual([4, 5, 6]);
    expect(() => row(m, 3, 2)).toThrow(CoreError);
  });
});
