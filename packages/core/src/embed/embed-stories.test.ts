import { describe, expect, it } from 'vitest';
import type { Story } from '../types.js';
import { storyOf } from '../../test/helpers/stories.js';
import fs from 'node:fs';
import { tempDir, writeTinyWinkJson } from '../../test/helpers/embed.js';
import { embedStories, subsetEmbedded } from './embed-stories.js';
import { createSifEncoder } from './sif-encoder.js';
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

  it('reads known paragraph vectors instead of encoding them, only from a batch-independent encoder', async () => {
    const known = new Float32Array([0, 0, 1]);
    const lookup = (t: string) => (t === text ? known : undefined);
    const independent = Object.assign(countingEncoder(), { batchIndependent: true });
    const e = await embedStories([story('a', 1, text, 'One more line here.')], {
      encoder: independent,
      paragraphVectors: lookup,
    });
    // The known paragraph is not encoded; its row is the known vector.
    expect(independent.encoded[0]).toBe('One more line here.');
    expect(independent.encoded).not.toContain(text);
    expect(e.stories[0]!.paragraphVectors).toEqual(new Float32Array([0, 0, 1, 1, 0, 0]));
    // An encoder fitted per call would not give the known vector: it is not read.
    const fitted = countingEncoder();
    const f = await embedStories([story('a', 1, text)], {
      encoder: fitted,
      paragraphVectors: lookup,
    });
    expect(fitted.encoded[0]).toBe(text);
    expect(f.stories[0]!.paragraphVectors).toEqual(new Float32Array([1, 0, 0]));
  });

  it("subsetEmbedded of a corpus is what embedding the subset alone gives (SIF's fixed fit)", async () => {
    const dir = tempDir();
    try {
      const encoder = await createSifEncoder({
        cacheDir: dir,
        gloveJsonPath: writeTinyWinkJson(dir, 16),
        backend: 'cpu',
        fit: 'fixed',
      });
      const stories = [
        story(
          'a',
          1,
          'The storm brought rain. The coast flooded.',
          'Police said the city was calm.',
        ),
        story('b', 1, 'The minister said the budget tax rose.'),
        story('c', 1, 'The football match ended. The team won the cup.', 'Zorblax scored.'),
      ];
      const all = await embedStories(stories, { encoder });
      const pick = [stories[2]!, stories[0]!];
      const alone = await embedStories(pick, { encoder });
      const sub = subsetEmbedded(all, pick);
      expect(sub.stories.map((x) => x.story.id)).toEqual(['c#1', 'a#1']);
      expect(sub.paragraphs.owners).toEqual(alone.paragraphs.owners);
      expect(sub.stories.map((x) => x.sentences)).toEqual(alone.stories.map((x) => x.sentences));
      const close = (x: Float32Array, y: Float32Array) => {
        expect(x.length).toBe(y.length);
        x.forEach((v, i) => expect(v).toBeCloseTo(y[i] as number, 6));
      };
      close(sub.paragraphs.vectors, alone.paragraphs.vectors);
      sub.stories.forEach((x, i) => close(x.sentenceVectors, alone.stories[i]!.sentenceVectors));
      encoder.dispose();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
