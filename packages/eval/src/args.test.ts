import { describe, expect, it } from 'vitest';
import { readOptions } from './args.js';

const options = { out: { type: 'string' }, check: { type: 'boolean' } } as const;

describe('readOptions', () => {
  it('reads values and flags, inline or not', () => {
    expect(readOptions(['--out', 'a.json', '--check'], options, 'USAGE')).toEqual({
      out: 'a.json',
      check: true,
    });
    expect(readOptions(['--out=b.json'], options, 'USAGE')).toEqual({ out: 'b.json' });
  });
  it('names the option in one line, then the usage', () => {
    expect(() => readOptions(['--nope'], options, 'USAGE')).toThrow('unknown option --nope\nUSAGE');
    expect(() => readOptions(['stray'], options, 'USAGE')).toThrow('unknown option stray\nUSAGE');
    expect(() => readOptions(['--out'], options, 'USAGE')).toThrow('--out needs a value\nUSAGE');
    expect(() => readOptions(['--out='], options, 'USAGE')).toThrow('--out needs a value\nUSAGE');
    expect(() => readOptions(['--check=1'], options, 'USAGE')).toThrow(
      '--check takes no value\nUSAGE',
    );
  });
});
