/**
 * `indexRemove` re-draws the lineage left with the encoder the index was
 * built with: given another (`--model`, or none for an index built with a
 * model) it refuses in one line naming the index and the flag, and nothing
 * stored changes; given the same it removes the page.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveModel, tempDir } from '../../test/helpers/embed.js';
import { indexStats, indexVerify } from './maintenance.js';
import { indexAdd, indexRemove } from './operations.js';

const VOCAB = ['[PAD]', '[UNK]', 'the', 'storm', 'flood', 'gates', 'opened', 'harbour', 'town'];
let root: string;
let model: string;
let pages: string;

beforeAll(async () => {
  root = tempDir('stemma-remove-model-');
  model = path.join(root, 'model');
  await saveModel(
    tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: VOCAB.length, outputDim: 8, inputLength: 6 }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 4 }),
      ],
    }),
    model,
  );
  fs.writeFileSync(path.join(model, 'vocab.json'), JSON.stringify(VOCAB));
  pages = path.join(root, 'pages');
  fs.mkdirSync(pages);
  const story =
    'The storm closed the harbour town on Friday and the flood gates opened at dawn.\n\n' +
    'Residents of the harbour town waited behind the gates for the water to fall.\n';
  fs.writeFileSync(path.join(pages, 'original.txt'), story);
  fs.writeFileSync(path.join(pages, 'copy.txt'), story.replace('Friday', 'Saturday'));
  fs.writeFileSync(path.join(pages, 'other.txt'), story.replace('dawn', 'noon'));
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('indexRemove and the encoder the index holds', () => {
  it('refuses another encoder in one line and changes nothing; the same one removes', async () => {
    const idx = path.join(root, 'model.idx');
    await indexAdd(idx, [pages], { model, backend: 'cpu' });
    const before = await indexStats(idx);
    expect(before.documents).toBe(3);

    // The default encoder against an index of model vectors.
    const refused = indexRemove(idx, ['copy'], { backend: 'cpu' });
    await expect(refused).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(refused).rejects.toThrow(
      new RegExp(`^${idx.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: .*use the same --model`),
    );
    expect(await indexStats(idx)).toMatchObject({
      documents: 3,
      generation: before.generation,
    });
    expect((await indexVerify(idx)).ok).toBe(true);

    const removed = await indexRemove(idx, ['copy'], { model, backend: 'cpu' });
    expect(removed.removed).toEqual(['copy']);
    expect(await indexStats(idx)).toMatchObject({ documents: 2 });
    expect((await indexVerify(idx)).ok).toBe(true);
  });
});
