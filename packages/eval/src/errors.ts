/**
 * Error analysis: which of Stemma's signals misled on a wrong prediction,
 * read from the relation's evidence lines and scores, and a Markdown report
 * of every error case (`npm run eval -- --errors FILE`).
 */

import type { Relation } from '@stemma/core';
import type { ErrorCase, EvalSetResult } from './types.js';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const f2 = (x: number) => x.toFixed(2);

/**
 * Why Stemma linked two stories it should not have: the derivation test
 * passed on coverage, so name what carried the aligned paragraphs — shared
 * wording, or meaning alone (vectors close, words different).
 */
export function derivationSignal(r: Relation): string {
  const { coverage, lexical, semantic } = r.scores;
  const n = r.alignment.length;
  const carrier =
    lexical >= 0.5
      ? `shared wording (lexical ${f2(lexical)})`
      : `semantic similarity ${f2(semantic)} with little shared wording (lexical ${f2(lexical)})`;
  return `coverage ${pct(coverage)} above the derivation threshold over ${n} aligned paragraph${n === 1 ? '' : 's'}, carried by ${carrier}`;
}

/** The strongest evidence line that voted for the chosen direction: "direction: dates" etc. */
export function directionSignal(r: Relation): string {
  const line = r.evidence.find((e) => e.startsWith('for: '));
  if (line) {
    const body = line.slice('for: '.length);
    const name = body.split(':')[0]!.trim();
    return `direction: ${name} (${body})`;
  }
  const other = r.evidence.find((e) => !e.startsWith('kind: ') && !e.startsWith('against: '));
  return other
    ? `direction: ${other}`
    : 'direction: no signal for it (tie broken by page order or the spanning tree)';
}

/** The kind rule that fired: "kind rule: quotations kept" etc. */
export function kindSignal(r: Relation): string {
  const line = r.evidence.find((e) => e.startsWith('kind: '));
  return `kind rule: ${line ? line.slice('kind: '.length) : r.kind}`;
}

/** The scores of a relation as an error case's figures. */
export function relationScores(r: Relation): Record<string, number> {
  return { ...r.scores, confidence: r.confidence, aligned: r.alignment.length };
}

function oneLine(s: string, max = 300): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

/**
 * The error-analysis report: per set and task, each wrong prediction with
 * its stories, scores, evidence and the signal that misled, and a count of
 * errors by signal (the first words of each signal) so patterns stand out.
 */
export function renderErrors(
  results: readonly EvalSetResult[],
  options: { readonly command?: string } = {},
): string {
  const out: string[] = ['# Stemma evaluation: error analysis', ''];
  if (options.command) out.push(`Made with \`${options.command}\`.`, '');
  for (const res of results) {
    const errors = res.errors ?? [];
    out.push(`## ${res.set}`, '');
    if (res.skipped) {
      out.push(`Skipped: ${res.skipped}`, '');
      continue;
    }
    if (!errors.length) {
      out.push('No error cases listed.', '');
      continue;
    }
    const byTask = new Map<string, ErrorCase[]>();
    for (const e of errors) byTask.set(e.task, [...(byTask.get(e.task) ?? []), e]);
    for (const [task, cases] of byTask) {
      out.push(`### ${task} (${cases.length})`, '');
      const patterns = new Map<string, number>();
      for (const c of cases) {
        const key = signalPattern(c.signal);
        patterns.set(key, (patterns.get(key) ?? 0) + 1);
      }
      out.push('| misleading signal | cases |', '|---|---|');
      for (const [k, n] of [...patterns].sort((a, b) => b[1] - a[1]))
        out.push(`| ${mdCell(k)} | ${n} |`);
      out.push('');
      for (const c of cases) {
        out.push(`#### ${c.item}: expected ${c.expected}, predicted ${c.predicted}`, '');
        out.push(`- **signal**: ${c.signal}`);
        for (const s of c.stories) {
          out.push(
            `- **${s.id}**${s.title ? ` — ${oneLine(s.title, 120)}` : ''}: ${oneLine(s.excerpt)}`,
          );
        }
        if (c.scores) {
          out.push(
            `- scores: ${Object.entries(c.scores)
              .map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(3)}`)
              .join(', ')}`,
          );
        }
        for (const e of c.evidence ?? []) out.push(`  - ${oneLine(e, 400)}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

/**
 * A signal's general pattern: figures become N and parenthesised details
 * "(…)", so cases that differ only in their numbers count together.
 */
export function signalPattern(signal: string): string {
  return signal
    .replace(/\([^()]*\)/g, '(…)')
    .replace(/\d+(?:\.\d+)?%?/g, 'N')
    .replace(/\bparagraphs?\b/g, 'paragraph(s)')
    .trim();
}
