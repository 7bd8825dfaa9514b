/**
 * The embed stage over a corpus: every story's paragraphs (the index's
 * units) and sentences (the alignment's units) become unit vectors.
 *
 * A time budget per document (issue 9, `--doc-timeout`): a document's own
 * embedding work is splitting its stories' sentences and tokenizing each of
 * its paragraphs and sentences, all our own linear code. It is timed
 * cooperatively, after every story split and every text tokenized, and a
 * document whose total passes the budget is dropped with one warning, its
 * stories removed from the run; it can overrun by one text's work at most.
 * No worker thread: the encoder's weights (the GloVe table, a TF.js model)
 * and backend live on this thread, and SIF weighs each word by its count in
 * the whole corpus, so texts cannot be encoded apart. The batched tensor work
 * is bounded per batch and shared by many documents, so it is not charged to
 * any. Encoding that stops at an overrun starts again without the document,
 * which makes the result exactly that of a corpus without its stories (the
 * restart repeats the work done before it; overruns are rare).
 *
 * Test hook: `STEMMA_TEST_STALL_EMBED=<text>:<ms>` makes splitting the
 * sentences of each story of a document whose path contains `<text>` spin
 * synchronously for `<ms>` milliseconds first (set only by the tests).
 */

import { splitSentences } from '../text/sentences.js';
import type { Story } from '../types.js';
import { DEFAULT_DOC_TIMEOUT_MS, overrunWarning, testStall } from '../util/doc-budget.js';
import { createEncoder, type EncoderChoice } from './create-encoder.js';
import type { EncodeOptions, Encoder } from './types.js';

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
  /** Documents whose embedding overran the budget, by id: their stories are not in `stories`. */
  readonly dropped: ReadonlySet<string>;
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
  /** Time one document's embedding may take, in ms (see the module comment); default 30 s. */
  readonly docTimeoutMs?: number;
  /** Each document's path by id, to name it in a warning (default: its id). */
  readonly docPaths?: ReadonlyMap<string, string>;
  /** Receives one line per document dropped for overrunning the budget. */
  readonly onWarning?: (message: string) => void;
  /**
   * Vectors known already for paragraph texts (an index's stored ones): a
   * paragraph whose text has one is not encoded again. Read only when the
   * encoder is batch independent (`Encoder.batchIndependent`): otherwise a
   * vector encoded in another call would not match the ones encoded here.
   */
  readonly paragraphVectors?: (text: string) => Float32Array | undefined;
}

/** Thrown through the encoder when a document's time passes its budget. */
class Overrun extends Error {
  readonly docId: string;
  constructor(docId: string) {
    super(`${docId}: embedding overran its budget`);
    this.docId = docId;
  }
}

/** A story and its sentences, each with the paragraph it stands in. */
type Split = readonly [Story, EmbeddedStory['sentences']];

/**
 * Creates the encoder (loading it counts as embedding time) and encodes
 * every paragraph, then every sentence. A document whose own embedding work
 * passes `docTimeoutMs` is dropped with one warning (see the module comment).
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded;
 *   the encoder is disposed of when encoding fails.
 */
export async function embedStories(
  stories: readonly Story[],
  options: EmbedStoriesOptions = {},
): Promise<EmbeddedCorpus> {
  const timeoutMs = options.docTimeoutMs ?? DEFAULT_DOC_TIMEOUT_MS;
  const pathOf = (docId: string): string => options.docPaths?.get(docId) ?? docId;
  const dropped = new Set<string>();
  const drop = (docId: string): void => {
    dropped.add(docId);
    options.onWarning?.(overrunWarning(pathOf(docId), 'embedding', timeoutMs));
  };
  /** Each document's time so far: splitting sentences. */
  const splitMs = new Map<string, number>();
  const splits = stories.map((s): Split => {
    if (dropped.has(s.docId)) return [s, []];
    const t0 = performance.now();
    testStall('STEMMA_TEST_STALL_EMBED', pathOf(s.docId));
    const sentences = s.paragraphs.flatMap((p) =>
      splitSentences(p.text, { language: s.language }).map((x) => ({
        text: x.text,
        paragraph: p.index,
      })),
    );
    const ms = (splitMs.get(s.docId) ?? 0) + performance.now() - t0;
    splitMs.set(s.docId, ms);
    if (ms > timeoutMs) drop(s.docId);
    return [s, sentences];
  });
  const encoder = options.encoder ?? (await createEncoder(options));
  try {
    for (;;) {
      const kept = splits.filter(([s]) => !dropped.has(s.docId));
      try {
        return await encodeSplits(kept, encoder, dropped, {
          ...options,
          timeoutMs,
          splitMs,
        });
      } catch (error) {
        if (!(error instanceof Overrun)) throw error;
        drop(error.docId);
      }
    }
  } catch (error) {
    if (options.encoder === undefined) encoder.dispose();
    throw error;
  }
}

/**
 * Encodes the stories' paragraphs, then their sentences, charging each
 * text's tokenizing time to its document.
 * @throws Overrun when a document's time (its `splitMs` and its texts) passes `timeoutMs`.
 */
async function encodeSplits(
  splits: readonly Split[],
  encoder: Encoder,
  dropped: ReadonlySet<string>,
  options: EmbedStoriesOptions & {
    readonly timeoutMs: number;
    readonly splitMs: ReadonlyMap<string, number>;
  },
): Promise<EmbeddedCorpus> {
  const stories = splits.map(([s]) => s);
  const sentences = splits.map(([, ss]) => ss);
  const paragraphTexts = stories.flatMap((s) => s.paragraphs.map((p) => p.text));
  const sentenceTexts = sentences.flatMap((ss) => ss.map((x) => x.text));
  const total = paragraphTexts.length + sentenceTexts.length;
  const spent = new Map(options.splitMs);
  /** Charges text `i`'s time to the document that owns it (`owners[i]`). */
  const charge =
    (owners: readonly string[]) =>
    (i: number, ms: number): void => {
      const docId = owners[i] as string;
      const t = (spent.get(docId) ?? 0) + ms;
      spent.set(docId, t);
      if (t > options.timeoutMs) throw new Overrun(docId);
    };
  const paragraphOwners = stories.flatMap((s) => s.paragraphs.map(() => s.docId));
  const sentenceOwners = splits.flatMap(([s, ss]) => ss.map(() => s.docId));
  const known = encoder.batchIndependent === true ? options.paragraphVectors : undefined;
  const paragraphVectors = await encodeMissing(paragraphTexts, encoder, known, {
    onProgress: (done) => options.onProgress?.(done, total),
    onTextTime: charge(paragraphOwners),
  });
  const sentenceVectors = await encoder.encode(sentenceTexts, {
    onProgress: (done) => options.onProgress?.(paragraphTexts.length + done, total),
    onTextTime: charge(sentenceOwners),
  });
  return assembleEmbedded(
    stories.map((story, k) => ({ story, sentences: sentences[k] ?? [] })),
    paragraphVectors,
    sentenceVectors,
    encoder,
    dropped,
  );
}

/**
 * Encodes the texts that `known` has no vector for, and returns every
 * text's row (the known ones copied in).
 */
async function encodeMissing(
  texts: readonly string[],
  encoder: Encoder,
  known: ((text: string) => Float32Array | undefined) | undefined,
  opts: EncodeOptions,
): Promise<Float32Array> {
  if (known === undefined) return encoder.encode(texts, opts);
  const d = encoder.info.dimensions;
  const out = new Float32Array(texts.length * d);
  const missing: number[] = [];
  texts.forEach((t, i) => {
    const v = known(t);
    if (v !== undefined && v.length === d) out.set(v, i * d);
    else missing.push(i);
  });
  const encoded = await encoder.encode(
    missing.map((i) => texts[i] as string),
    {
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      ...(opts.onTextTime
        ? { onTextTime: (j: number, ms: number) => opts.onTextTime?.(missing[j] as number, ms) }
        : {}),
    },
  );
  missing.forEach((i, j) => out.set(encoded.subarray(j * d, (j + 1) * d), i * d));
  return out;
}

/**
 * An embedded corpus from its stories' rows: `paragraphVectors` and
 * `sentenceVectors` hold the stories' rows in story order. With rows taken
 * from a larger corpus (`subsetEmbedded`), a batch-independent encoder makes
 * the result that of embedding these stories alone.
 */
function assembleEmbedded(
  stories: readonly { readonly story: Story; readonly sentences: EmbeddedStory['sentences'] }[],
  paragraphVectors: Float32Array,
  sentenceVectors: Float32Array,
  encoder: Encoder,
  dropped: ReadonlySet<string>,
): EmbeddedCorpus {
  const d = encoder.info.dimensions;
  let paragraphRow = 0;
  let sentenceRow = 0;
  const embedded = stories.map(({ story, sentences: ss }) => {
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
  const owners = stories.flatMap(({ story: s }) =>
    s.paragraphs.map(() => ({ storyId: s.id, docId: s.docId })),
  );
  return {
    encoder,
    dimensions: d,
    stories: embedded,
    dropped,
    paragraphs: { vectors: paragraphVectors, dimensions: d, owners },
  };
}

/**
 * The part of an embedded corpus that holds `stories` (by id, in the order
 * given; stories it does not hold are left out), with rows copied into
 * arrays of their own. With a batch-independent encoder this is what
 * {@link embedStories} gives for those stories alone, without encoding
 * anything: the stored lineage embeds many groups of pages in one call and
 * relates each group on its own.
 * @throws never.
 */
export function subsetEmbedded(corpus: EmbeddedCorpus, stories: readonly Story[]): EmbeddedCorpus {
  const byId = new Map(corpus.stories.map((e) => [e.story.id, e]));
  const kept = stories.flatMap((s) => byId.get(s.id) ?? []);
  const paragraphs = new Float32Array(kept.reduce((n, e) => n + e.paragraphVectors.length, 0));
  const sentences = new Float32Array(kept.reduce((n, e) => n + e.sentenceVectors.length, 0));
  let p = 0;
  let q = 0;
  for (const e of kept) {
    paragraphs.set(e.paragraphVectors, p);
    sentences.set(e.sentenceVectors, q);
    p += e.paragraphVectors.length;
    q += e.sentenceVectors.length;
  }
  const docs = new Set(stories.map((s) => s.docId));
  return assembleEmbedded(
    kept.map((e) => ({ story: e.story, sentences: e.sentences })),
    paragraphs,
    sentences,
    corpus.encoder,
    new Set([...corpus.dropped].filter((id) => docs.has(id))),
  );
}
