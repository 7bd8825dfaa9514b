/**
 * The embed stage over a corpus: every story's paragraphs (the index's
 * units) and sentences (the alignment's units) become unit vectors.
 */

import { splitSentences } from '../text/sentences.js';
import type { Story } from '../types.js';
import { createEncoder, type EncoderChoice } from './create-encoder.js';
import type { Encoder } from './types.js';

/** One story with its vectors, rows into the corpus-wide arrays. */
export interface EmbeddedStory {
  readonly story: Story;
  /** The story's sentences in order, each with the paragraph it stands in. */
  readonly sentences: readonly { readonly text: string; readonly paragraph: number }[];
  /** One row per paragraph (a view into EmbeddedCorpus.paragraphVectors). */
  readonly paragraphVectors: Float32Array;
  /** One row per sentence. */
  readonly sentenceVectors: Float32Array;
}

/**
 * What the embed stage produces. When every story stands on one page no
 * vector is ever compared, and none is encoded: every row is zero.
 */
export interface EmbeddedCorpus {
  /** The encoder that ran; the caller disposes of it when the run is over. */
  readonly encoder: Encoder;
  readonly dimensions: number;
  readonly stories: readonly EmbeddedStory[];
  /** Every story's paragraph vectors, in story order, with the owner of each row: the index's input. */
  readonly paragraphs: {
    readonly vectors: Float32Array;
    readonly dimensions: number;
    readonly owners: readonly { readonly storyId: string; readonly docId: string }[];
  };
}

export interface EmbedStoriesOptions extends EncoderChoice {
  /** An encoder the caller made and keeps (it is used, not created, and the caller disposes of it). */
  readonly encoder?: Encoder;
  /** Texts encoded so far (paragraphs, then sentences) and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Creates the encoder (loading it counts as embedding time) and encodes
 * every paragraph, then every sentence, unless all stories stand on one page.
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded;
 *   the encoder is disposed of when encoding fails.
 */
export async function embedStories(
  stories: readonly Story[],
  options: EmbedStoriesOptions = {},
): Promise<EmbeddedCorpus> {
  const sentences = stories.map((s) =>
    s.paragraphs.flatMap((p) =>
      splitSentences(p.text, { language: s.language }).map((x) => ({
        text: x.text,
        paragraph: p.index,
      })),
    ),
  );
  const paragraphTexts = stories.flatMap((s) => s.paragraphs.map((p) => p.text));
  const sentenceTexts = sentences.flatMap((ss) => ss.map((x) => x.text));
  const total = paragraphTexts.length + sentenceTexts.length;
  const encoder = options.encoder ?? (await createEncoder(options));
  try {
    const d = encoder.info.dimensions;
    // Vectors are read only to compare stories of different pages (the
    // index's neighbours, the alignment of its pairs). When every story
    // stands on one page there is no such pair: nothing is encoded (one page
    // of 100 000 paragraphs: most of the run) and every row stays zero.
    const comparable = new Set(stories.map((s) => s.docId)).size >= 2;
    const encode = async (texts: readonly string[], before: number): Promise<Float32Array> => {
      if (!comparable) {
        options.onProgress?.(before + texts.length, total);
        return new Float32Array(texts.length * d);
      }
      return encoder.encode(texts, {
        onProgress: (done) => options.onProgress?.(before + done, total),
      });
    };
    const paragraphVectors = await encode(paragraphTexts, 0);
    const sentenceVectors = await encode(sentenceTexts, paragraphTexts.length);
    let paragraphRow = 0;
    let sentenceRow = 0;
    const embedded = stories.map((story, k) => {
      const ss = sentences[k]!;
      const e: EmbeddedStory = {
        story,
        sentences: ss,
        paragraphVectors: paragraphVectors.subarray(
          paragraphRow * d,
          (paragraphRow + story.paragraphs.length) * d,
        ),
        sentenceVectors: sentenceVectors.subarray(sentenceRow * d, (sentenceRow + ss.length) * d),
      };
      paragraphRow += story.paragraphs.length;
      sentenceRow += ss.length;
      return e;
    });
    const owners = stories.flatMap((s) =>
      s.paragraphs.map(() => ({ storyId: s.id, docId: s.docId })),
    );
    return {
      encoder,
      dimensions: d,
      stories: embedded,
      paragraphs: { vectors: paragraphVectors, dimensions: d, owners },
    };
  } catch (error) {
    if (options.encoder === undefined) encoder.dispose();
    throw error;
  }
}
