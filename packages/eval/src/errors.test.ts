import type { Relation } from '@stemma/core';
import { describe, expect, it } from 'vitest';
import {
  derivationSignal,
  directionSignal,
  kindSignal,
  renderErrors,
  signalPattern,
} from './errors.js';

const r: Relation = {
  parent: 'a#1',
  child: 'b#1',
  kind: 'paraphrase',
  confidence: 0.4,
  scores: { semantic: 0.84, lexical: 0.25, coverage: 1, paraphrase: 0.8, rewording: 0.63 },
  alignment: [{ parentParagraph: 0, childParagraph: 0, semantic: 0.84, lexical: 0.25 }],
  evidence: [
    'kind: new wording (lexical 0.25), meaning kept',
    'against: page dates: b is earlier',
    'for: containment: 100% of b#1 is in a#1',
  ],
};

describe('error signals', () => {
  it('names what carried a wrong derivation, direction and kind', () => {
    expect(derivationSignal(r)).toBe(
      'coverage 100% above the derivation threshold over 1 aligned paragraph, carried by semantic similarity 0.84 with little shared wording (lexical 0.25)',
    );
    expect(directionSignal(r)).toBe('direction: containment (containment: 100% of b#1 is in a#1)');
    expect(directionSignal({ ...r, evidence: ['kind: x'] })).toMatch(/^direction: no signal/);
    expect(kindSignal(r)).toBe('kind rule: new wording (lexical 0.25), meaning kept');
  });

  it('groups signals that differ only in figures', () => {
    expect(signalPattern('coverage 50% over 2 aligned paragraphs (lexical 0.3)')).toBe(
      signalPattern('coverage 100% over 1 aligned paragraph (lexical 0.9)'),
    );
  });

  it('renders a Markdown report with a pattern table and each case', () => {
    const md = renderErrors(
      [
        {
          set: 'x',
          tasks: [],
          notes: [],
          seconds: 0,
          errors: [
            {
              task: 't',
              item: 'i1',
              expected: 'non',
              predicted: 'derived',
              stories: [{ id: 'a#1', title: 'T|A', excerpt: 'text' }],
              scores: { coverage: 1 },
              evidence: ['for: dates'],
              signal: 'coverage 100%',
            },
          ],
        },
        { set: 'y', skipped: 'missing', tasks: [], notes: [], seconds: 0 },
      ],
      { command: 'npm run eval' },
    );
    expect(md).toContain('### t (1)');
    expect(md).toContain('| coverage N | 1 |');
    expect(md).toContain('#### i1: expected non, predicted derived');
    expect(md).toContain('Skipped: missing');
  });
});
