import { describe, expect, it } from 'vitest';
import type { Story } from '../types.js';
import { storyOf } from '../../test/helpers/stories.js';
import { embedStories } from './embed-stories.js';
import type { Encoder } from './types.js';

const D = 3;

function story(docId: string, n: number, ...paragraphs: string[]): Story {
  return storyOf(docId, n, paragraphs, 'eng');
}

/** An encoder giving every text the row (1, 0, 0), counting the texts it was given. */
function countingEncoder(): Encoder & { readonly encoded: string[] } {
  const encoded: string[] = [];
  return {
    encoded,
    info: { name: 'counting', dimensions: D, backend: 'cpu' },
    encode: (texts) => {
      encoded.push(...texts);
      const out = new Float32Array(texts.length * D);
      for (let i = 0; i < texts.length; i++) out[i * D] = 1;
      return Promise.resolve(out);
    },
    dispose: () => {},
  };
}

const text = 'The council met on Tuesday. It approved the budget for the new year.';

describe('embedStories', () => {
  it('encodes every paragraph, then every sentence, of stories on several pages', async () => {
    const encoder = countingEncoder();
    const e = await embedStories(
      [story('a', 1, text), story('b', 1, text, 'One more line here.')],
      {
        encoder,
      },
    );
    expect(encoder.encoded).toEqual([
      text,
      text,
      'One more line here.',
      'The council met on Tuesday.',
      'It approved the budget for the new year.',
      'The council met on Tuesday.',
      'It approved the budget for the new year.',
      'One more line here.',
    ]);
    expect(e.stories[1]!.paragraphVectors).toEqual(new Float32Array([1, 0, 0, 1, 0, 0]));
  });
});
