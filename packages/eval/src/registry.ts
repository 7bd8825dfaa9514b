/**
 * Every evaluation set, in table order. Each set module registers here with
 * one import and one entry.
 */
import { articleExtraction } from './sets/article-extraction.js';
import { cloughStevenson } from './sets/clough-stevenson.js';
import { derivationModel } from './sets/derivation-model.js';
import { florilegiumStemma } from './sets/florilegium-stemma.js';
import { msrp } from './sets/msrp.js';
import { multilingualReuse } from './sets/multilingual-reuse.js';
import { semeval2022Task8 } from './sets/semeval2022-task8.js';
import { synthetic } from './sets/synthetic.js';
import { syntheticTraditions } from './sets/synthetic-traditions.js';
import type { EvalSet } from './types.js';

export const sets: EvalSet[] = [
  cloughStevenson,
  msrp,
  semeval2022Task8,
  synthetic,
  articleExtraction,
  multilingualReuse,
  syntheticTraditions,
  florilegiumStemma,
  derivationModel,
  // Further sets append their entry here.
];
