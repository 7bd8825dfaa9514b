/**
 * Encoder backed by any TF.js model (LayersModel or GraphModel) that turns
 * token ids into a vector, loaded from a local folder or an http(s) URL.
 *
 * Input convention (token ids): next to `model.json` sits `vocab.json`, one of
 *   - an array of tokens, id = position;
 *   - an object mapping token → id (Keras `word_index` style);
 *   - `{ "tokens": <array or map>, "maxLength"?: n, "padId"?: n, "unkId"?: n }`.
 * Texts are split with the shared `words()` tokenizer (lower-cased, typography
 * folded) unless a tokenizer is given, mapped to ids (unknown → unkId), cut or
 * padded (padId) to maxLength, and fed as a [batch, maxLength] tensor. The pad
 * id defaults to the position of "[PAD]"/"<pad>" or 0, the unknown id to the
 * position of "[UNK]"/"<unk>"/"<OOV>" or 1. maxLength defaults to the model's
 * fixed input length, else vocab.json's, else 128.
 *
 * A GraphModel whose first input has dtype "string" (Universal Sentence
 * Encoder style) is fed the raw texts instead, and needs no vocab.json.
 *
 * Output: the first output, [batch, d] as is or [batch, length, d] averaged
 * over the non-padding positions; rows are L2-normalised.
 */

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { CoreError } from '../errors.js';
import { words } from '../text/tokenize.js';
import type { EncoderInfo } from '../types.js';
import { ensureBackend, initBackend } from './backend.js';
import { batchDone } from './progress.js';
import type { EncodeOptions, Encoder, TfjsModelEncoderOptions } from './types.js';

/** Reads files relative to the folder of model.json, from disk or over http(s). */
interface ModelSource {
  /** model.json location as given, for messages and the encoder name. */
  readonly label: string;
  /** File name of model.json itself, relative to its folder. */
  readonly modelFile: string;
  readText(name: string): Promise<string>;
  readBytes(name: string): Promise<ArrayBuffer>;
  /** False when the file does not exist (other failures throw). */
  exists(name: string): Promise<boolean>;
}

function modelSource(modelUrl: string, fetchImpl: typeof fetch): ModelSource {
  if (/^https?:\/\//i.test(modelUrl)) {
    const base = new URL(
      modelUrl.endsWith('.json') ? modelUrl : modelUrl.replace(/\/?$/, '/model.json'),
    );
    const get = async (name: string): Promise<Response> => {
      const url = new URL(name, base);
      const res = await fetchImpl(url);
      if (!res.ok) throw new Error(`${url.href}: HTTP ${res.status}`);
      return res;
    };
    return {
      label: base.href,
      modelFile: decodeURIComponent(base.pathname.split('/').pop() ?? 'model.json'),
      readText: async (name) => (await get(name)).text(),
      readBytes: async (name) => (await get(name)).arrayBuffer(),
      exists: async (name) => {
        const res = await fetchImpl(new URL(name, base));
        await res.arrayBuffer().catch(() => undefined); // drain so the socket is freed
        return res.ok;
      },
    };
  }
  let file = modelUrl.startsWith('file://') ? fileURLToPath(modelUrl) : path.resolve(modelUrl);
  if (!file.endsWith('.json')) file = path.join(file, 'model.json');
  const dir = path.dirname(file);
  const at = (name: string): string => path.resolve(dir, decodeURIComponent(name));
  return {
    label: file,
    modelFile: path.basename(file),
    readText: (name) => fs.readFile(at(name), 'utf8'),
    readBytes: async (name) => {
      const b = await fs.readFile(at(name));
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    exists: async (name) =>
      fs.access(at(name)).then(
        () => true,
        () => false,
      ),
  };
}

/** A tf.io.IOHandler reading model.json and its weight shards through a ModelSource (no tfjs-node needed). */
function ioHandler(source: ModelSource, modelJson: tf.io.ModelJSON): tf.io.IOHandler {
  return {
    load: () =>
      tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const shards: ArrayBuffer[] = [];
        for (const group of manifest) {
          specs.push(...group.weights);
          for (const p of group.paths) shards.push(await source.readBytes(p));
        }
        return [specs, tf.io.concatenateArrayBuffers(shards)];
      }),
  };
}

interface Vocabulary {
  readonly ids: ReadonlyMap<string, number>;
  readonly padId: number;
  readonly unkId: number;
  readonly maxLength: number | null;
}

function parseVocabulary(raw: unknown): Vocabulary {
  const obj = raw as Record<string, unknown> | unknown[] | null;
  if (obj === null || typeof obj !== 'object')
    throw new Error('vocab.json must hold an array or an object');
  const wrapped = !Array.isArray(obj) && 'tokens' in obj;
  const tokens = wrapped ? (obj as Record<string, unknown>)['tokens'] : obj;
  const ids = new Map<string, number>();
  if (Array.isArray(tokens)) {
    tokens.forEach((t, i) => {
      if (typeof t === 'string' && !ids.has(t)) ids.set(t, i);
    });
  } else if (tokens !== null && typeof tokens === 'object') {
    for (const [t, id] of Object.entries(tokens)) {
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0)
        throw new Error(`vocab.json: id of "${t}" is not a non-negative integer`);
      ids.set(t, id);
    }
  } else {
    throw new Error('vocab.json: "tokens" must be an array or an object');
  }
  if (ids.size === 0) throw new Error('vocab.json holds no tokens');
  const meta = wrapped ? (obj as Record<string, unknown>) : {};
  const int = (v: unknown): number | null =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null;
  const firstOf = (names: readonly string[], fallback: number): number => {
    for (const n of names) {
      const id = ids.get(n);
      if (id !== undefined) return id;
    }
    return fallback;
  };
  return {
    ids,
    padId: int(meta['padId']) ?? firstOf(['[PAD]', '<pad>', '<PAD>'], 0),
    unkId: int(meta['unkId']) ?? firstOf(['[UNK]', '<unk>', '<UNK>', '<OOV>', '<oov>'], 1),
    maxLength: int(meta['maxLength']),
  };
}

type AnyModel = tf.LayersModel | tf.GraphModel;

/**
 * Loads a TF.js model plus its vocabulary and returns an encoder.
 * @throws {CoreError} MODEL_LOAD_FAILED when model.json, its weights or
 *   vocab.json cannot be read or do not form a working model;
 *   INVALID_OPTION for bad options.
 */
export async function createTfjsModelEncoder(opts: TfjsModelEncoderOptions): Promise<Encoder> {
  if (typeof opts.modelUrl !== 'string' || opts.modelUrl.trim() === '') {
    throw new CoreError(
      'INVALID_OPTION',
      'modelUrl',
      'must be a path or URL of a TF.js model.json',
    );
  }
  const batchSize = opts.batchSize ?? 64;
  if (!Number.isInteger(batchSize) || batchSize <= 0)
    throw new CoreError('INVALID_OPTION', 'batchSize', `got ${batchSize}`);
  const backend = await initBackend(opts.backend, {
    onFallback: (name, reason) =>
      opts.onWarning?.(`TF.js backend "${name}" unavailable (${reason}); trying the next`),
  });
  const source = modelSource(opts.modelUrl, opts.fetch ?? fetch);

  let model: AnyModel;
  let vocab: Vocabulary | null = null;
  let stringInput = false;
  try {
    const modelJson = JSON.parse(await source.readText(source.modelFile)) as tf.io.ModelJSON;
    if (
      modelJson === null ||
      typeof modelJson !== 'object' ||
      modelJson.modelTopology === undefined
    ) {
      throw new Error('model.json has no modelTopology');
    }
    const topology = modelJson.modelTopology as Record<string, unknown>;
    const isGraph =
      modelJson.format === 'graph-model' ||
      (modelJson.format === undefined && Array.isArray(topology['node']));
    const handler = ioHandler(source, modelJson);
    model = isGraph ? await tf.loadGraphModel(handler) : await tf.loadLayersModel(handler);
    stringInput = isGraph && (model as tf.GraphModel).inputs[0]?.dtype === 'string';
    if (!stringInput) vocab = parseVocabulary(JSON.parse(await source.readText('vocab.json')));
  } catch (error) {
    if (CoreError.isInstance(error)) throw error;
    throw new CoreError('MODEL_LOAD_FAILED', opts.modelUrl, errorText(error), { cause: error });
  }

  const inputShape = inputShapeOf(model);
  const fixedLength =
    typeof inputShape?.[1] === 'number' && inputShape[1] > 0 ? inputShape[1] : null;
  const maxLength = opts.maxLength ?? fixedLength ?? vocab?.maxLength ?? 128;
  if (!Number.isInteger(maxLength) || maxLength <= 0)
    throw new CoreError('INVALID_OPTION', 'maxLength', `got ${maxLength}`);

  const encoder = new TfjsModelEncoder({
    model,
    vocab,
    stringInput,
    maxLength,
    batchSize,
    tokenizer: opts.tokenizer ?? words,
    backend,
    name: `tfjs-model:${modelName(source.label)}`,
  });
  try {
    // One probe run finds the output width and proves the model executes.
    await encoder.probe();
  } catch (error) {
    encoder.dispose();
    throw new CoreError(
      'MODEL_LOAD_FAILED',
      opts.modelUrl,
      `model does not run on token ids: ${errorText(error)}`,
      { cause: error },
    );
  }
  return encoder;
}

function inputShapeOf(model: AnyModel): readonly (number | null)[] | undefined {
  if (model instanceof tf.GraphModel) return model.inputs[0]?.shape;
  return model.inputs[0]?.shape;
}

function modelName(label: string): string {
  const parts = label.replace(/\/model\.json$|[\\/]model\.json$/, '').split(/[\\/]/);
  return parts[parts.length - 1] || label;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface EncoderParts {
  readonly model: AnyModel;
  readonly vocab: Vocabulary | null;
  readonly stringInput: boolean;
  readonly maxLength: number;
  readonly batchSize: number;
  readonly tokenizer: (text: string) => readonly string[];
  readonly backend: string;
  readonly name: string;
}

class TfjsModelEncoder implements Encoder {
  #info: EncoderInfo;
  readonly #p: EncoderParts;

  constructor(parts: EncoderParts) {
    this.#p = parts;
    this.#info = { name: parts.name, dimensions: 0, backend: parts.backend };
  }

  get info(): EncoderInfo {
    return this.#info;
  }

  async probe(): Promise<void> {
    const out = await this.#run(['probe']);
    this.#info = { ...this.#info, dimensions: out.length };
  }

  async encode(texts: readonly string[], opts: EncodeOptions = {}): Promise<Float32Array> {
    await ensureBackend(this.#info.backend);
    const d = this.#info.dimensions;
    const out = new Float32Array(texts.length * d);
    for (let start = 0; start < texts.length; start += this.#p.batchSize) {
      const batch = texts.slice(start, start + this.#p.batchSize);
      const rows = await this.#run(batch, start, opts.onTextTime);
      if (rows.length !== batch.length * d) {
        throw new CoreError(
          'MODEL_LOAD_FAILED',
          this.#info.name,
          `output has ${rows.length / batch.length} columns, expected ${d}`,
        );
      }
      out.set(rows, start * d);
      await batchDone(opts.onProgress, start + batch.length, texts.length);
    }
    return out;
  }

  dispose(): void {
    this.#p.model.dispose();
  }

  /** Token ids of one text, cut or padded to maxLength. */
  #ids(text: string, vocab: Vocabulary, row: Int32Array): void {
    row.fill(vocab.padId);
    const tokens = this.#p.tokenizer(text);
    const n = Math.min(tokens.length, row.length);
    for (let i = 0; i < n; i++) row[i] = vocab.ids.get(tokens[i] as string) ?? vocab.unkId;
  }

  /** Runs one batch (from text `start` on): returns its rows, L2-normalised, row-major. */
  async #run(
    batch: readonly string[],
    start = 0,
    onTextTime?: EncodeOptions['onTextTime'],
  ): Promise<Float32Array> {
    const { model, vocab, maxLength } = this.#p;
    let input: tf.Tensor;
    let mask: tf.Tensor2D | null = null;
    if (this.#p.stringInput || vocab === null) {
      input = tf.tensor1d([...batch], 'string');
    } else {
      const ids = new Int32Array(batch.length * maxLength);
      batch.forEach((t, i) => {
        const t0 = onTextTime ? performance.now() : 0;
        this.#ids(t, vocab, ids.subarray(i * maxLength, (i + 1) * maxLength));
        onTextTime?.(start + i, performance.now() - t0);
      });
      input = tf.tensor2d(ids, [batch.length, maxLength], 'int32');
      mask = tf.tidy(() => tf.cast(tf.notEqual(input, vocab.padId), 'float32')) as tf.Tensor2D;
    }
    try {
      const raw =
        model instanceof tf.GraphModel
          ? await model.executeAsync(input)
          : (model as tf.LayersModel).predict(input);
      const outputs = Array.isArray(raw) ? raw : [raw as tf.Tensor];
      const result = tf.tidy(() => {
        let y = outputs[0] as tf.Tensor;
        if (y.rank === 3) {
          // Token-level output: average over the real (non-padding) tokens.
          const m = mask === null ? tf.onesLike(y.sum(2)) : mask;
          const w = m.expandDims(2);
          y = tf.div(tf.sum(tf.mul(y, w), 1), tf.maximum(tf.sum(w, 1), 1));
        }
        if (y.rank !== 2)
          throw new Error(
            `model output has rank ${y.rank}; expected [batch, d] or [batch, length, d]`,
          );
        const y2 = tf.cast(y, 'float32') as tf.Tensor2D;
        return tf.div(y2, tf.maximum(tf.norm(y2, 'euclidean', 1, true), 1e-12));
      });
      tf.dispose(outputs);
      const data = (await result.data()) as Float32Array;
      result.dispose();
      return data;
    } finally {
      input.dispose();
      mask?.dispose();
    }
  }
}
