// Recall@10 vs ef for HNSW graphs of different M / efConstruction over an index's stored vectors.
import hnswlib from 'hnswlib-node';
import os from 'node:os';
import { IndexStore } from './dist/store/store.js';
import { exactTopK, recallAtK } from './dist/store/recall.js';
const [dir, specs, nq] = [process.argv[2], process.argv[3], Number(process.argv[4] ?? 300)];
console.log(`${os.cpus()[0].model}, ${os.cpus().length} cores`);
const store = await IndexStore.open(dir, { write: false });
const { rows, dimensions: d } = store.vectors(); store.close();
const n = rows.length / d;
for (let i = 0; i < n; i++) { const v = rows.subarray(i * d, (i + 1) * d); const s = Math.hypot(...v); if (s > 0) for (let j = 0; j < d; j++) v[j] /= s; }
let seed = 7; const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const qs = Array.from({ length: nq }, () => Math.floor(rnd() * n));
let t = performance.now();
const exact = qs.map((r) => exactTopK(rows.slice(r * d, (r + 1) * d), rows, d, 10));
console.log(`n ${n}, exact ${(performance.now() - t).toFixed(0)} ms for ${qs.length}`);
for (const spec of specs.split(',')) {
  const [M, efC] = spec.split('/').map(Number);
  const g = new hnswlib.HierarchicalNSW('cosine', d);
  g.initIndex(n, M, efC, 100);
  t = performance.now();
  for (let i = 0; i < n; i++) g.addPoint(Array.from(rows.subarray(i * d, (i + 1) * d)), i);
  const build = performance.now() - t;
  const line = [];
  for (const ef of [32, 64, 128, 256, 512, 904]) {
    g.setEf(ef);
    let s = 0; t = performance.now();
    qs.forEach((r, i) => { const res = g.searchKnn(Array.from(rows.subarray(r * d, (r + 1) * d)), 10); s += recallAtK(res.distances.map((x) => 1 - x), exact[i], 10); });
    line.push(`ef ${ef}: ${(s / qs.length).toFixed(3)} ${((performance.now() - t) / qs.length).toFixed(2)}ms`);
  }
  console.log(`M ${M} efC ${efC}: build ${(build / 1000).toFixed(1)} s | ${line.join(' | ')}`);
}
