import { describe, expect, it } from 'vitest';
import { PROBE } from './hand-matrix.fixture';
import { probeMeasures } from './probe-measures';
import { probeScatters } from './probe-scatter';

describe(probeScatters.name, () => {
  it('issue 13 item 4: pairs Complexity with α_N and Transference with α_D, one labelled point per ability', () => {
    const measures = probeMeasures(PROBE);
    const scatters = probeScatters(measures, [
      { ability: 'ethics', alphaSize: 0.01, alphaData: 0.002 },
      { ability: 'code', alphaSize: 0.08, alphaData: 0.06 },
      { ability: 'history', alphaSize: 0.05, alphaData: 0.03 },
    ]);
    // hand values from hand-matrix.fixture.ts: Complexity 0.95, 0.75, 0.5; Transference −0.7, −0.8, −0.7
    expect(scatters.complexityVsSize).toEqual([
      { ability: 'code', x: 0.08, y: expect.closeTo(0.95, 12) },
      { ability: 'history', x: 0.05, y: expect.closeTo(0.75, 12) },
      { ability: 'ethics', x: 0.01, y: expect.closeTo(0.5, 12) },
    ]);
    expect(scatters.transferenceVsData).toEqual([
      { ability: 'code', x: 0.06, y: expect.closeTo(-0.7, 12) },
      { ability: 'history', x: 0.03, y: expect.closeTo(-0.8, 12) },
      { ability: 'ethics', x: 0.002, y: expect.closeTo(-0.7, 12) },
    ]);
    expect(scatters.leftOut).toEqual([]);
  });

  it('leaves out, and says why, an ability without a sensitivity or outside the probe study', () => {
    const scatters = probeScatters(probeMeasures(PROBE), [
      { ability: 'code', alphaSize: null, alphaData: 0.06 },
      { ability: 'history', alphaSize: 0.05, alphaData: 0.03 },
      { ability: 'biology', alphaSize: 0.05, alphaData: 0.03 },
    ]);
    expect(scatters.complexityVsSize.map((p) => p.ability)).toEqual(['history']);
    expect(scatters.transferenceVsData.map((p) => p.ability)).toEqual(['code', 'history']);
    expect(scatters.leftOut).toEqual([
      { ability: 'code', scatter: 'complexityVsSize', reason: 'no-size-sensitivity' },
      { ability: 'ethics', scatter: 'complexityVsSize', reason: 'no-fit' },
      { ability: 'ethics', scatter: 'transferenceVsData', reason: 'no-fit' },
      { ability: 'biology', scatter: 'complexityVsSize', reason: 'not-probed' },
      { ability: 'biology', scatter: 'transferenceVsData', reason: 'not-probed' },
    ]);
  });
});
