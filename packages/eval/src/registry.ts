/**
 * Every evaluation set, in table order. Each set module registers here with
 * one import and one entry.
 */
import type { EvalSet } from './types.js';

export const sets: EvalSet[] = [];
