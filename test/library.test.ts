import { fileURLToPath } from 'node:url';
import { analyze, CoreError } from '@stemma/core';
import { describe, expect, it } from 'vitest';

const examples = fileURLToPath(new URL('../examples', import.meta.url));

describe('the library from plain JavaScript', () => {
  it('reads a single path string as one path, not as a list of characters', async () => {
    const one = await analyze(examples);
    const list = await analyze([examples]);
    expect(one.documents.map((d) => d.id)).toEqual(list.documents.map((d) => d.id));
    expect(one.relations).toEqual(list.relations);
    expect(one.documents.length).toBeGreaterThan(1);
  });

  it('answers a wrong argument with a CoreError naming it, before reading anything', async () => {
    const js = analyze as unknown as (...args: unknown[]) => Promise<unknown>;
    await expect(js(42)).rejects.toBeInstanceOf(CoreError);
    await expect(js(42)).rejects.toThrow(/analyze: paths/);
    await expect(js([examples], { maxPartners: 'many' })).rejects.toThrow(
      /analyze: options\.maxPartners/,
    );
  });
});
