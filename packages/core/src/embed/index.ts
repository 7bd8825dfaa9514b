export { ensureBackend, initBackend, wasmBinaryDir } from './backend.js';
export type { BackendName, InitBackendDeps, ModuleImporter } from './backend.js';
export {
  convertWinkJson,
  defaultCacheDir,
  defaultGloveJsonPath,
  gloveCachePath,
  loadGloveTable,
  readGloveCache,
} from './glove-cache.js';
export type {
  GloveCacheStatus,
  GloveTable,
  LoadGloveOptions,
  LoadGloveResult,
} from './glove-cache.js';
export { createSifEncoder, hashedVector } from './sif-encoder.js';
export { createTfjsModelEncoder } from './tfjs-model-encoder.js';
export type {
  EncodeOptions,
  Encoder,
  SifEncoderOptions,
  TfjsModelEncoderOptions,
} from './types.js';
