/**
 * The one table `npm run eval` prints: per set and task, the headline
 * figures and target, then per-class scores, the confusion matrix and the
 * named figures indented beneath.
 */

import type { EvalSetResult, EvalTask } from './types.js';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number) => (Number.isInteger(x) && Math.abs(x) >= 1 ? String(x) : x.toFixed(3));
const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);

/** A figure as shown: shares (0..1, not counts) as percentages where the name says so. */
function figure(name: string, x: number): string {
  return /accuracy|recall|precision|share|agreement|false alarms|F1/i.test(name) &&
    !/count/i.test(name) &&
    x <= 1
    ? name.includes('F1') && !name.includes('accuracy')
      ? x.toFixed(3)
      : pct(x)
    : num(x);
}

function taskLines(set: string, t: EvalTask): string[] {
  const head =
    pad(set, 22) +
    pad(t.name, 52) +
    lpad(String(t.n), 6) +
    lpad(t.accuracy !== undefined ? pct(t.accuracy) : '—', 9) +
    lpad(t.macroF1 !== undefined ? t.macroF1.toFixed(3) : '—', 9) +
    '  ' +
    (t.target ? `${pad(t.target.text, 18)} ${t.target.met ? 'MET' : 'NOT MET'}` : '');
  const out = [head.trimEnd()];
  const ind = ' '.repeat(22);
  if (t.classes?.length) {
    out.push(
      `${ind}${pad('class', 18)}${lpad('P', 7)}${lpad('R', 7)}${lpad('F1', 7)}${lpad('n', 6)}`,
    );
    for (const c of t.classes) {
      out.push(
        `${ind}${pad(c.label, 18)}${lpad(c.precision.toFixed(3), 7)}${lpad(c.recall.toFixed(3), 7)}${lpad(c.f1.toFixed(3), 7)}${lpad(String(c.support), 6)}`,
      );
    }
  }
  if (t.confusion) {
    const cols = (t.confusion as { columns?: readonly string[] }).columns ?? t.confusion.labels;
    const w = Math.max(8, ...cols.map((c) => c.length + 2));
    out.push(`${ind}${pad('truth \\ predicted', 18)}${cols.map((c) => lpad(c, w)).join('')}`);
    t.confusion.labels.forEach((l, i) => {
      out.push(
        `${ind}${pad(l, 18)}${t.confusion!.matrix[i]!.map((x) => lpad(String(x), w)).join('')}`,
      );
    });
  }
  for (const [k, v] of Object.entries(t.figures ?? {}))
    out.push(`${ind}${pad(k, 48)}${lpad(figure(k, v), 9)}`);
  return out;
}

/** Renders every result as one plain-text table. */
export function renderTable(results: readonly EvalSetResult[]): string {
  const header =
    pad('set', 22) +
    pad('task', 52) +
    lpad('n', 6) +
    lpad('accuracy', 9) +
    lpad('macro-F1', 9) +
    '  target';
  const lines = [header, '-'.repeat(header.length + 24)];
  for (const r of results) {
    if (r.skipped) {
      lines.push(`${pad(r.set, 22)}skipped: ${r.skipped}`);
      continue;
    }
    for (const t of r.tasks) lines.push(...taskLines(r.set, t));
    for (const n of r.notes) lines.push(`${' '.repeat(22)}note: ${n}`);
    lines.push(`${' '.repeat(22)}time: ${r.seconds.toFixed(1)} s`, '');
  }
  const targets = results.flatMap((r) => r.tasks.filter((t) => t.target));
  const met = targets.filter((t) => t.target!.met).length;
  lines.push(`targets met: ${met} of ${targets.length}`);
  return lines.join('\n');
}
