/**
 * TF.js backend selection. Order: tfjs-node ("tensorflow", native, only when
 * the optional package is installed), then WebAssembly ("wasm", SIMD, 10-20x
 * faster than plain JS here), then plain JavaScript ("cpu", always works).
 * Backends are global to TF.js, so this module is the one place that sets it.
 */

import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Loads a module by specifier; injectable so tests can simulate a missing package. */
export type ModuleImporter = (specifier: string) => Promise<unknown>;

export interface InitBackendDeps {
  /** Defaults to dynamic `import()`. */
  readonly importModule?: ModuleImporter;
  /** Called with one line per backend that could not start (why it fell back). */
  readonly onFallback?: (backend: BackendName, reason: string) => void;
}

const defaultImporter: ModuleImporter = (specifier) => import(specifier);

const ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

// The wasm backend may only be pointed at its .wasm files once per process.
let wasmPathsSet = false;

// Core never prints: TF.js's "install tfjs-node" banner and similar
// warnings go through backend_util.warn, which is silent in prod mode.
tf.enableProdMode();

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Folder holding tfjs-backend-wasm's .wasm binaries, with a trailing slash.
 * @throws {Error} when @tensorflow/tfjs-backend-wasm is not installed.
 */
export function wasmBinaryDir(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return path.join(path.dirname(pkg), 'dist') + path.sep;
}

async function tryTensorflow(importModule: ModuleImporter): Promise<void> {
  // Importing tfjs-node registers the "tensorflow" backend with the shared tfjs-core engine.
  await importModule('@tensorflow/tfjs-node');
  if (tf.findBackendFactory('tensorflow') === null) {
    throw new Error(
      '@tensorflow/tfjs-node loaded but registered no "tensorflow" backend (duplicate tfjs-core?)',
    );
  }
}

async function tryWasm(importModule: ModuleImporter): Promise<void> {
  if (tf.findBackendFactory('wasm') !== null) return;
  const wasm = (await importModule('@tensorflow/tfjs-backend-wasm')) as {
    setWasmPaths?: (prefix: string) => void;
  };
  if (!wasmPathsSet && typeof wasm.setWasmPaths === 'function') {
    // In Node the backend reads the binaries from this folder with fs.
    wasm.setWasmPaths(wasmBinaryDir());
    wasmPathsSet = true;
  }
  if (tf.findBackendFactory('wasm') === null) {
    throw new Error('@tensorflow/tfjs-backend-wasm loaded but registered no "wasm" backend');
  }
}

/**
 * Picks and initialises the fastest TF.js backend that works, trying
 * `prefer` first and then tensorflow → wasm → cpu.
 * @returns the name of the backend that is now active.
 * @throws {Error} only when even the plain JavaScript backend cannot start.
 */
export async function initBackend(
  prefer?: BackendName,
  deps: InitBackendDeps = {},
): Promise<BackendName> {
  const importModule = deps.importModule ?? defaultImporter;
  const order = prefer === undefined ? ORDER : [prefer, ...ORDER.filter((b) => b !== prefer)];
  for (const name of order) {
    if (tf.getBackend() === name && tf.findBackend(name) !== null) return name;
    try {
      if (name === 'tensorflow') await tryTensorflow(importModule);
      if (name === 'wasm') await tryWasm(importModule);
      // setBackend resolves false (rather than throwing) when init fails.
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error(`tf.setBackend('${name}') failed`);
      await tf.ready();
      return name;
    } catch (error) {
      deps.onFallback?.(name, errorText(error));
    }
  }
  throw new Error('no TF.js backend could be initialised (not even cpu)');
}

/**
 * Makes `name` the active backend again if something switched it since the
 * encoder was created (backends are process-global in TF.js).
 * @throws {Error} when the backend can no longer be initialised.
 */
export async function ensureBackend(name: string): Promise<void> {
  if (tf.getBackend() === name) return;
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`cannot switch TF.js back to the "${name}" backend`);
  await tf.ready();
}
