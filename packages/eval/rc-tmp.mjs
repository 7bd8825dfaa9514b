import fs from 'node:fs';
import { reuseCorpora } from './dist/reuse-corpora.js';
const { corpora } = reuseCorpora('/work/shared/eval');
const want = new Set(process.argv.slice(2));
fs.mkdirSync('/tmp/s14/rc', { recursive: true });
for (const [i, corpus] of corpora.entries()) corpus.forEach((p, k) => {
  if (![...want].some((w) => p.id.startsWith(w))) return;
  console.log(i, k, p.id, p.lang, p.label, p.sourceText.length, p.candidateText.length);
  fs.writeFileSync(`/tmp/s14/rc/c${i}-p${k + 1}-a.txt`, p.sourceText);
  fs.writeFileSync(`/tmp/s14/rc/c${i}-p${k + 1}-b.txt`, p.candidateText);
});
