export { applyCorrection, fitAllButTheTop } from './all-but-the-top.js';
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
export { createEncoder } from './create-encoder.js';
export { embedStories, subsetEmbedded } from './embed-stories.js';
export type { EmbeddedCorpus, EmbeddedStory, EmbedStoriesOptions } from './embed-stories.js';
export type { EncoderChoice } from './create-encoder.js';
export { createSifEncoder, hashedVector } from './sif-encoder.js';
export { createTfjsModelEncoder } from './tfjs-model-encoder.js';
export type {
  EncodeOptions,
  Encoder,
  SifEncoderOptions,
  TfjsModelEncoderOptions,
} from './types.js';
