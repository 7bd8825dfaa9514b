/**
 * A piscina worker of write-time relating (group-pool.ts): builds the
 * caller's encoder once, from `workerData`'s description, then analyses the groups
 * of pages it is sent with {@link relateGroup}, the function the
 * calling thread runs when there is no pool, and sends back the components.
 *
 * Test hook: `STEMMA_TEST_FAIL_RELATE=<id>` makes a group holding a page
 * whose id contains `<id>` throw (set only by the pool's tests).
 */
import { workerData } from 'piscina';
import { createEncoder } from '../embed/index.js';
import type { GroupPoolSetup, GroupResult, GroupTask } from './group-pool.js';
import { relateGroup } from './lineage.js';

const setup = workerData as GroupPoolSetup;
// Before the first group: a worker that cannot build it fails its start.
const encoder = await createEncoder(setup.encoder);
const priorBoilerplate = new Set(setup.priorBoilerplate ?? []);

/** Analyses groups of pages, one after another. */
export default async function relateGroups(groups: readonly GroupTask[]): Promise<GroupResult[]> {
  const fail = process.env['STEMMA_TEST_FAIL_RELATE'];
  const out: GroupResult[] = [];
  for (const { docs, prior } of groups) {
    if (fail && docs.some((d) => d.id.includes(fail)))
      throw new Error(`test hook STEMMA_TEST_FAIL_RELATE: failing on ${docs[0]?.id ?? ''}`);
    const reuse = prior === undefined ? undefined : { boilerplate: priorBoilerplate, docs: prior };
    out.push({
      encoder: encoder.info,
      ...(await relateGroup(docs, setup.options, encoder, reuse)),
    });
  }
  return out;
}
