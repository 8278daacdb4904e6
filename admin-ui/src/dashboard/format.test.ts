import { describe, expect, it } from 'vitest';
import { coefficientAxis } from './chartStyle';
import { duration, kappaColour, percent, withInterval } from './format';

describe('dashboard formats', () => {
  it('writes rates, coefficients with intervals and durations', () => {
    expect(percent(0.625)).toBe('63%');
    expect(percent(null)).toBe('—');
    expect(withInterval({ estimate: 0.7234, low: 0.6, high: 0.801 })).toBe('0.72 [0.60, 0.80]');
    expect(withInterval({ estimate: 0.5, low: null, high: null })).toBe('0.50');
    expect(withInterval({ estimate: null, low: null, high: null })).toBe('—');
    expect(duration(8000)).toBe('8.0 s');
    expect(duration(42_000)).toBe('42 s');
    expect(duration(95_000)).toBe('1.6 min');
  });

  it('colours κ from red through yellow to green, clamped', () => {
    expect(kappaColour(-0.3)).toBe('hsl(0, 65%, 72%)');
    expect(kappaColour(0.5)).toBe('hsl(60, 65%, 72%)');
    expect(kappaColour(1.2)).toBe('hsl(120, 65%, 72%)');
  });

  it('extends the coefficient axis below 0 only as far as the data goes', () => {
    expect(coefficientAxis([0.4, null, 0.9])).toEqual({ domain: [0, 1], ticks: [0, 0.5, 1] });
    expect(coefficientAxis([-0.33, 0.2])).toEqual({ domain: [-0.5, 1], ticks: [-0.5, 0, 0.5, 1] });
  });
});
