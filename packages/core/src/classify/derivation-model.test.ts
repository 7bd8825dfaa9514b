import { describe, expect, it } from 'vitest';
import { DERIVATION_CUT, derivationCut, loadDerivationModel } from './derivation-model.js';

describe('derivationCut', () => {
  const model = loadDerivationModel();
  it('reads the cut the fit script chose and recorded in the header', () => {
    expect(derivationCut(model)).toBe(model.header['decisionCut']);
    expect(derivationCut(model)).toBeGreaterThan(0);
    expect(derivationCut(model)).toBeLessThan(1);
  });
  it('falls back to even odds for a model without one', () => {
    expect(derivationCut({ ...model, header: {} })).toBe(DERIVATION_CUT);
  });
  it('rejects a cut outside (0, 1)', () => {
    expect(() => derivationCut({ ...model, header: { decisionCut: 1.5 } })).toThrow(/decisionCut/);
    expect(() => derivationCut({ ...model, header: { decisionCut: 'half' } })).toThrow(
      /decisionCut/,
    );
  });
});
