/**
 * The one place that picks an encoder: a TF.js model when one is named, else
 * the default GloVe SIF encoder. The pipeline and `comparePassages` both
 * come here, so they always embed the same way.
 */

import { CoreError } from '../errors.js';
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
  /**
   * The SIF encoder's fit (see SifEncoderOptions.fit); default the
   * STEMMA_SIF_FIT environment variable (`batch` or `fixed`), else `batch`.
   */
  readonly sifFit?: 'batch' | 'fixed';
  /** Receives notices: cache rebuilt or kept in memory ('info'), backend fell back (no level: debug). */
  readonly onNotice?: (message: string, level?: NoticeLevel) => void;
}

/**
 * STEMMA_SIF_FIT as a fit: how a whole run (the CLI, `npm run eval`, the
 * bench) is switched to the fixed fit to compare it; unset is `batch`.
 * @throws CoreError INVALID_OPTION for another value.
 */
function sifFitFromEnv(): 'batch' | 'fixed' {
  const v = process.env['STEMMA_SIF_FIT'];
  if (v === undefined || v === '' || v === 'batch') return 'batch';
  if (v === 'fixed') return 'fixed';
  throw new CoreError('INVALID_OPTION', 'STEMMA_SIF_FIT', `must be "batch" or "fixed", got "${v}"`);
}

/**
 * Creates the encoder a choice names.
 * @throws CoreError MODEL_LOAD_FAILED when a given model cannot be loaded;
 *   ENCODER_UNAVAILABLE when there are no word vectors at all (a corrupt or
 *   unwritable cache is rebuilt, or used from memory, with an 'info' notice);
 *   INVALID_OPTION for a STEMMA_SIF_FIT other than `batch` or `fixed`.
 */
export async function createEncoder(choice: EncoderChoice = {}): Promise<Encoder> {
  const { onNotice } = choice;
  const common = {
    ...(choice.backend ? { backend: choice.backend } : {}),
    ...(onNotice ? { onWarning: (message: string) => onNotice(message) } : {}),
  };
  // Imported here, not at the top: TF.js and the encoders cost most of a
  // second to load, which commands that never embed (index stats, verify,
  // remove; usage errors) should not pay.
  if (choice.model) {
    const { createTfjsModelEncoder } = await import('./tfjs-model-encoder.js');
    return createTfjsModelEncoder({ modelUrl: choice.model, ...common });
  }
  const { createSifEncoder } = await import('./sif-encoder.js');
  return createSifEncoder({
    ...common,
    fit: choice.sifFit ?? sifFitFromEnv(),
    ...(choice.cacheDir ? { cacheDir: choice.cacheDir } : {}),
    ...(choice.gloveJsonPath ? { gloveJsonPath: choice.gloveJsonPath } : {}),
    ...(onNotice ? { onNotice: (message: string) => onNotice(message, 'info') } : {}),
  });
}
