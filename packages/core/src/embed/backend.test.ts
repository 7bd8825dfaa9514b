import fs from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend, wasmBinaryDir } from './backend.js';
import type { ModuleImporter } from './backend.js';
import { createSifEncoder } from './sif-encoder.js';
import { tempDir, writeTinyWinkJson } from '../../test/helpers/embed.js';

const dir = tempDir();
const json = writeTinyWinkJson(dir, 32);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  'The storm brought rain and flood to the coast, the minister said.',
  'Police arrest a man after the court trial in the city.',
  'Zorblax Quintero scored a goal as the team won the match.',
];

/** Imports for real, except the listed specifiers, which fail like a missing package. */
function importerWithout(missing: readonly string[], calls: string[]): ModuleImporter {
  return async (specifier) => {
    calls.push(specifier);
    if (missing.includes(specifier)) {
      throw Object.assign(new Error(`Cannot find package '${specifier}'`), {
        code: 'ERR_MODULE_NOT_FOUND',
      });
    }
    return import(specifier);
  };
}

describe('initBackend', () => {
  it('finds the wasm binaries on disk', () => {
    expect(fs.existsSync(`${wasmBinaryDir()}tfjs-backend-wasm-simd.wasm`)).toBe(true);
  });

  it('falls back to cpu when neither tfjs-node nor wasm can load', async () => {
    const calls: string[] = [];
    const name = await initBackend('tensorflow', {
      importModule: async (specifier) => {
        calls.push(specifier);
        if (specifier === '@tensorflow/tfjs-backend-wasm') throw new Error('wasm unavailable');
        return importerWithout(['@tensorflow/tfjs-node'], [])(specifier);
      },
    });
    // Runs first in this file, so the wasm backend is not registered yet.
    expect(calls).toEqual(['@tensorflow/tfjs-node', '@tensorflow/tfjs-backend-wasm']);
    expect(name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(tf.add(tf.scalar(2), tf.scalar(3)).dataSync()[0]).toBe(5);
  });

  it('tries tfjs-node first and falls back to wasm when it is absent', async () => {
    const calls: string[] = [];
    const fallbacks: string[] = [];
    const name = await initBackend(undefined, {
      importModule: importerWithout(['@tensorflow/tfjs-node'], calls),
      onFallback: (b, reason) => fallbacks.push(`${b}: ${reason}`),
    });
    expect(calls[0]).toBe('@tensorflow/tfjs-node');
    expect(name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(fallbacks).toEqual([
      expect.stringMatching(/^tensorflow: Cannot find package '@tensorflow\/tfjs-node'/),
    ]);
  });

  it('computes the same embedding on the wasm and cpu backends', async () => {
    const cpu = await createSifEncoder({ cacheDir: dir, gloveJsonPath: json, backend: 'cpu' });
    expect(cpu.info.backend).toBe('cpu');
    const onCpu = await cpu.encode(TEXTS);

    const wasm = await createSifEncoder({
      cacheDir: dir,
      gloveJsonPath: json,
      backend: 'wasm',
    });
    expect(wasm.info.backend).toBe('wasm');
    const onWasm = await wasm.encode(TEXTS);
    expect(tf.getBackend()).toBe('wasm');

    expect(onWasm.length).toBe(onCpu.length);
    for (let i = 0; i < onCpu.length; i++) expect(onWasm[i]).toBeCloseTo(onCpu[i] as number, 4);

    // An encoder switches the global backend back to its own before encoding.
    const again = await cpu.encode(TEXTS);
    expect(tf.getBackend()).toBe('cpu');
    expect(Array.from(again)).toEqual(Array.from(onCpu));
  });
});
