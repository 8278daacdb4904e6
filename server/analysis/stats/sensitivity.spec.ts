import { describe, expect, it } from 'vitest';
import { type CurvePoint, fitLogLinear, type LogLinearFit } from './log-linear-fit';
import { classifyAbility, normaliseSensitivities, pointsAtLastVolumes, testSlopePositive } from './sensitivity';

const VOLUMES = [10, 40, 160, 640, 2560, 10000];
const SIZES = [0.5e9, 1.8e9, 7e9, 13e9];
/** A small alternating wobble, so crafted curves are not noise-free. */
const wobble = (i: number) => (i % 2 ? 0.004 : -0.004);

function curve(xs: number[], score: (x: number, i: number) => number): CurvePoint[] {
  return xs.map((x, i) => ({ x, y: score(x, i) + wobble(i) }));
}
function fit(points: CurvePoint[]): LogLinearFit {
  const f = fitLogLinear(points);
  if (!f.estimable) throw new Error(f.reason);
  return f;
}
function classifyCurves(data?: CurvePoint[], size?: CurvePoint[]) {
  return classifyAbility({
    dataFit: data && fit(data),
    sizeFit: size && fit(size),
    lastThreeDataFit: data && fit(pointsAtLastVolumes(data)),
  });
}

const rising = (x: number) => 0.1 + 0.05 * Math.log(x);
const flat = () => 0.3;
/** Rises to 160 items, then stays: 0.2, 0.3, 0.4, 0.45, 0.44, 0.46 (before the wobble). */
const PLATEAU = [0.2, 0.3, 0.4, 0.45, 0.44, 0.46];

describe(classifyAbility.name, () => {
  it('issue 13 item 3: a curve still rising over its last three volumes is responsive', () => {
    const c = classifyCurves(curve(VOLUMES, rising), curve(SIZES, flat));
    expect(c.class).toBe('responsive');
    expect(c.data?.significant).toBe(true);
    expect(c.plateau).toBe(false);
  });

  it('issue 13 item 3: significant over the whole range but flat over the last three volumes is plateaued', () => {
    const data = curve(VOLUMES, (_, i) => PLATEAU[i]);
    const c = classifyCurves(data, curve(SIZES, rising));
    expect(c.data?.significant).toBe(true);
    expect(c.plateau).toBe(true);
    expect(c.class).toBe('plateaued');
    expect(c.reason).toMatch(/last three volumes includes 0/);
  });

  it('issue 13 item 3: rising with model size only is size-sensitive-only', () => {
    const c = classifyCurves(curve(VOLUMES, flat), curve(SIZES, rising));
    expect(c.class).toBe('size-sensitive-only');
    expect(c.data?.significant).toBe(false);
    expect(c.size?.significant).toBe(true);
    expect(c.plateau).toBeNull();
  });

  it('issue 13 item 3: flat in both is resistant; a falling curve too', () => {
    expect(classifyCurves(curve(VOLUMES, flat), curve(SIZES, flat)).class).toBe('resistant');
    expect(classifyCurves(curve(VOLUMES, (x) => 0.9 - 0.03 * Math.log(x)), curve(SIZES, flat)).class).toBe('resistant');
  });

  it('issue 13 item 3: a factor the study did not vary is left out of the rule', () => {
    // Only model size varied.
    const sizeOnly = classifyCurves(undefined, curve(SIZES, rising));
    expect(sizeOnly.class).toBe('size-sensitive-only');
    expect(sizeOnly.data).toBeNull();
    expect(classifyCurves(undefined, curve(SIZES, flat)).class).toBe('resistant');
    // Only data volume varied.
    expect(classifyCurves(curve(VOLUMES, rising)).class).toBe('responsive');
    expect(classifyCurves(curve(VOLUMES, (_, i) => PLATEAU[i])).class).toBe('plateaued');
    expect(classifyCurves(curve(VOLUMES, flat)).class).toBe('resistant');
    // A fit that is not estimable counts as not varied; a significant α_D without a last-three fit is responsive.
    const notEstimable = fitLogLinear([{ x: 10, y: 0.1 }]);
    expect(classifyAbility({ dataFit: notEstimable, sizeFit: fit(curve(SIZES, rising)) }).class).toBe('size-sensitive-only');
    expect(classifyAbility({ dataFit: fit(curve(VOLUMES, (_, i) => PLATEAU[i])) })).toMatchObject({ class: 'responsive', plateau: null });
    expect(() => classifyAbility({ dataFit: notEstimable })).toThrow(/neither was given/);
  });

  it('issue 13 item 3: the significance level is configurable (one-sided t-test of α > 0)', () => {
    // t = 2 on 4 df: one-sided p = 1 − F₄(2) = 0.0580 (closed form of the t₄ CDF).
    const borderline = { alpha: 0.02, seAlpha: 0.01, df: 4 };
    const test = testSlopePositive(borderline);
    expect(test.t).toBe(2);
    expect(test.p).toBeCloseTo(1 - (0.5 + ((3 / 8) * 2 * (1 - 4 / 24)) / Math.sqrt(2)), 12);
    expect(test.significant).toBe(false);
    expect(classifyAbility({ dataFit: borderline }).class).toBe('resistant');
    expect(classifyAbility({ dataFit: borderline }, { level: 0.1 }).class).toBe('responsive');
    expect(() => classifyAbility({ dataFit: borderline }, { level: 0 })).toThrow('significance level must be in (0, 1), got 0');
  });

  it('a noise-free rising fit is significant (p = 0) and a noise-free flat one is not (p = ½)', () => {
    expect(testSlopePositive({ alpha: 0.05, seAlpha: 0, df: 4 })).toEqual({ t: Infinity, p: 0, significant: true });
    expect(testSlopePositive({ alpha: 0, seAlpha: 0, df: 4 })).toEqual({ t: 0, p: 0.5, significant: false });
  });
});

describe(pointsAtLastVolumes.name, () => {
  it('keeps every seed at the three largest volumes', () => {
    const points = [10, 40, 40, 160, 640, 640].map((x, i) => ({ x, y: i }));
    expect(pointsAtLastVolumes(points).map((p) => p.y)).toEqual([1, 2, 3, 4, 5]);
    expect(pointsAtLastVolumes(points, 1).map((p) => p.y)).toEqual([4, 5]);
  });
});

describe(normaliseSensitivities.name, () => {
  it('issue 13 item 3: min–max scales across abilities, least sensitive 0, most 1', () => {
    const normalised = normaliseSensitivities({ code: 0.1, history: 0.3, ethics: 0.2, chinese: -0.1 });
    const expected = { code: 0.5, history: 1, ethics: 0.75, chinese: 0 };
    expect(Object.keys(normalised)).toEqual(Object.keys(expected));
    for (const [key, value] of Object.entries(expected)) expect(normalised[key]).toBeCloseTo(value, 14);
  });

  it('gives ½ to one ability or to all-equal sensitivities, and nothing to none', () => {
    expect(normaliseSensitivities({ code: 0.04 })).toEqual({ code: 0.5 });
    expect(normaliseSensitivities({ code: 0.04, ethics: 0.04 })).toEqual({ code: 0.5, ethics: 0.5 });
    expect(normaliseSensitivities({})).toEqual({});
  });

  it('names the ability with a non-finite sensitivity', () => {
    expect(() => normaliseSensitivities({ code: 0.1, role_play: Number.NaN })).toThrow('sensitivity of ability "role_play" must be a finite number, got NaN');
  });
});
