/**
 * The one place that picks an encoder: a TF.js model when one is named, else
 * the default GloVe SIF encoder. The pipeline and `comparePassages` both
 * come here, so they always embed the same way.
 */

import { createSifEncoder } from './sif-encoder.js';
import { createTfjsModelEncoder } from './tfjs-model-encoder.js';
import type { BackendName } from './backend.js';
import type { Encoder } from './types.js';
import type { NoticeLevel } from '../types.js';

/** How to build the encoder of a run. */
export interface EncoderChoice {
  /** A TF.js model (folder, file:// or http(s):// URL of model.json) instead of the GloVe SIF encoder. */
  readonly model?: string;
  /** Preferred TF.js backend; falls back tensorflow → wasm → cpu. */
  readonly backend?: BackendName;
  /** Folder for the converted word-vector cache (SIF encoder only). */
  readonly cacheDir?: string;
  /** wink-format embeddings JSON for the SIF encoder (tests use a tiny one). */
  readonly gloveJsonPath?: string;
  /** Receives notices: cache rebuilt or kept in memory ('info'), backend fell back (no level: debug). */
  readonly onNotice?: (message: string, level?: NoticeLevel) => void;
}

/**
 * Creates the encoder a choice names.
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded;
 *   ENCODER_UNAVAILABLE when there are no word vectors at all (a corrupt or
 *   unwritable cache is rebuilt, or used from memory, with an 'info' notice).
 */
export async function createEncoder(choice: EncoderChoice = {}): Promise<Encoder> {
  const { onNotice } = choice;
  const common = {
    ...(choice.backend ? { backend: choice.backend } : {}),
    ...(onNotice ? { onWarning: (message: string) => onNotice(message) } : {}),
  };
  if (choice.model) return createTfjsModelEncoder({ modelUrl: choice.model, ...common });
  return createSifEncoder({
    ...common,
    ...(choice.cacheDir ? { cacheDir: choice.cacheDir } : {}),
    ...(choice.gloveJsonPath ? { gloveJsonPath: choice.gloveJsonPath } : {}),
    ...(onNotice ? { onNotice: (message: string) => onNotice(message, 'info') } : {}),
  });
}
