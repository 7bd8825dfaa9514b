#!/usr/bin/env node
/**
 * `npm run traditions:train -w @stemma/eval`: the synthetic-traditions
 * measures on TRAINING seeds (default 12 traditions from seed 1000), never
 * on the evaluated seed (`TRADITIONS_SEED`, 4242). The reading-tree
 * constants (core's lineage/constants.ts READINGS) are chosen with this
 * script; `npm run eval` then reports them on traditions they never saw.
 *
 *   node packages/eval/dist/traditions-train.js [--seed N] [--count N] [--errors]
 */

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readScriptOptions, runScript } from './args.js';
import { runTraditions, TRADITIONS_SEED } from './sets/synthetic-traditions.js';
import { renderTable } from './table.js';

const USAGE = `usage: node packages/eval/dist/traditions-train.js [options]
  --seed N     first training seed (default 1000; never the eval seed ${TRADITIONS_SEED}…${TRADITIONS_SEED + 11})
  --count N    traditions (default 12)
  --only M     dated or undated (default both)
  --errors     print each tradition's true and predicted tree`;

async function main(): Promise<number> {
  const args = readScriptOptions(
    process.argv.slice(2),
    {
      seed: { type: 'string' },
      count: { type: 'string' },
      only: { type: 'string' },
      errors: { type: 'boolean' },
    },
    USAGE,
  );
  if (!args) return 2;
  const seed = Number(args.seed ?? 1000);
  const count = Number(args.count ?? 12);
  if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
    console.error(`--seed and --count take whole numbers\n${USAGE}`);
    return 2;
  }
  if (seed + count > TRADITIONS_SEED && seed < TRADITIONS_SEED + 12) {
    console.error(`seeds ${seed}…${seed + count - 1} overlap the evaluated ones\n${USAGE}`);
    return 2;
  }
  const only = args.only;
  if (only !== undefined && only !== 'dated' && only !== 'undated') {
    console.error(`--only takes dated or undated\n${USAGE}`);
    return 2;
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemma-traditions-'));
  try {
    const t0 = performance.now();
    const { tasks, errors, notes } = await runTraditions(
      { evalDir: '', workDir, log: () => {}, quick: false },
      { seed, count, ...(only ? { modes: [only] } : {}) },
    );
    if (args.errors) {
      for (const e of errors ?? []) {
        console.log(`${e.task} ${e.item}: ${e.signal}`);
        console.log(`  truth:     ${e.expected}`);
        console.log(`  predicted: ${e.predicted}`);
      }
    }
    const seconds = (performance.now() - t0) / 1000;
    console.log(renderTable([{ set: 'traditions (training)', tasks, errors: [], notes, seconds }]));
    return 0;
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

runScript(main);
