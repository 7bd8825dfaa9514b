export { allButTheTopFit, applyCorrection, fitAllButTheTop } from './all-but-the-top.js';
export { cachedAllButTheTop, correctionCachePath } from './all-but-the-top-cache.js';
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
// The encoders (and TF.js under them) load when createEncoder first needs
// one: import createSifEncoder, createTfjsModelEncoder and the backend
// functions from their own modules.
export type {
  EncodeOptions,
  Encoder,
  SifEncoderOptions,
  TfjsModelEncoderOptions,
} from './types.js';
