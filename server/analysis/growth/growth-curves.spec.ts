import { describe, expect, it } from 'vitest';
import { fitLogLinear, normalQuantile, scoreInterval, wilsonInterval } from '../stats';
import { buildGrowthCurves, GrowthInputError, summariseGroup } from './growth-curves';
import type { DataSource, GrowthCurves, GrowthEpoch, GrowthRun, GrowthSeries, ScoreGroup } from './growth-types';

/** `n` 0/1 item scores with round(score·n) ones (the ones first). */
const binary = (score: number, n = 200): number[] => Array.from({ length: n }, (_, i) => (i < Math.round(score * n) ? 1 : 0));
const group = (ability: string, split: 'valid' | 'test', scores: number[], suite = 'in-domain', shots = 0, expected = 0.25): ScoreGroup => ({ suite, ability, split, shots, scores, expected });

interface RunSpec {
  id: string;
  parameters?: number;
  source?: DataSource;
  seed?: number;
  counts: Record<string, number>;
  epochs: GrowthEpoch[];
}
function run(spec: RunSpec): GrowthRun {
  const trainTotal = Object.values(spec.counts).reduce((s, c) => s + c, 0);
  return { experimentId: spec.id, name: `run-${spec.id}`, parameters: spec.parameters ?? 7e9, baseModel: 'm', source: spec.source ?? 'curated', seed: spec.seed ?? 1, trainCounts: spec.counts, trainTotal, epochs: spec.epochs };
}
/** An epoch scoring each ability `valid` on validation and `test` (a mean, or the item scores) on test. */
function epoch(n: number, scores: Record<string, { valid: number; test: number | number[] }>, extra: ScoreGroup[] = []): GrowthEpoch {
  return {
    epoch: n,
    evaluationId: `ev-${n}`,
    groups: [
      ...Object.entries(scores).flatMap(([ability, s]) => [group(ability, 'valid', binary(s.valid)), group(ability, 'test', Array.isArray(s.test) ? s.test : binary(s.test))]),
      ...extra,
    ],
  };
}

const seriesOf = (c: GrowthCurves, key: string): GrowthSeries => {
  const s = c.series.find((x) => x.key === key);
  if (!s) throw new Error(`no series ${key}; have ${c.series.map((x) => x.key).join(', ')}`);
  return s;
};
const VOLUMES = [1, 4, 16, 64, 256, 1000];
/** One run per volume of one ability scored `score(volume, i)` on test at epoch 5. */
function curveRuns(ability: string, score: (v: number, i: number) => number, opts: { parameters?: number; source?: DataSource; volumes?: number[]; prefix?: string } = {}): GrowthRun[] {
  const volumes = opts.volumes ?? VOLUMES;
  return volumes.map((v, i) =>
    run({ id: `${opts.prefix ?? ability}-${opts.parameters ?? 7e9}-${opts.source ?? 'curated'}-${v}`, parameters: opts.parameters, source: opts.source, counts: { [ability]: v }, epochs: [epoch(5, { [ability]: { valid: 0.5, test: score(v, i) } })] }),
  );
}
const wobble = (i: number) => (i % 2 ? 0.01 : -0.01);

describe(buildGrowthCurves.name, () => {
  it('issue 13 item 2: the reported checkpoint has the best validation average (mean of ability means) at epoch ≥ minEpoch, ties to the earliest; its test score is drawn', () => {
    // Ability means: epoch 6 averages (1 + 0)/2 = 0.5 over abilities, epoch 7 0.4; pooled over items epoch 6 would be
    // 10/100 = 0.1 and lose. Epoch 4 validates best of all but is too early; epoch 8 ties epoch 6 but is later.
    const groups = (n: number, code: number, history: number, test: number): GrowthEpoch => ({
      epoch: n,
      evaluationId: `ev-${n}`,
      groups: [group('code', 'valid', binary(code, 10)), group('history', 'valid', binary(history, 90)), group('code', 'test', binary(test)), group('history', 'test', binary(test))],
    });
    const r = run({ id: 'a', counts: { code: 4, history: 4 }, epochs: [groups(4, 1, 1, 0.9), groups(6, 1, 0, 0.6), groups(7, 0.4, 0.4, 0.7), groups(8, 1, 0, 0.8)] });
    const curves = buildGrowthCurves([r]);
    const code = seriesOf(curves, 'ability:code|7000000000|curated|0');
    expect(code.points).toMatchObject([{ epoch: 6, score: 0.6, volume: 4, n: 200 }]);
    expect(curves.pending).toEqual([]);
    // minEpoch is an option: with 3, epoch 4 wins.
    expect(seriesOf(buildGrowthCurves([r], { minEpoch: 3 }), 'ability:code|7000000000|curated|0').points[0]).toMatchObject({ epoch: 4, score: 0.9 });
  });

  it("issue 13 item 2: each run is read by its own threshold (bestFromEpoch); a threshold given for the request overrides them all", () => {
    const groups = (n: number, valid: number, test: number): GrowthEpoch => ({
      epoch: n,
      evaluationId: `ev-${n}`,
      groups: [group('code', 'valid', binary(valid)), group('code', 'test', binary(test))],
    });
    const early = { ...run({ id: 'early', counts: { code: 4 }, epochs: [groups(2, 0.9, 0.3), groups(6, 0.5, 0.4)] }), minEpoch: 1 };
    const late = run({ id: 'late', counts: { code: 16 }, epochs: [groups(2, 0.9, 0.5), groups(6, 0.5, 0.6)] });
    const own = buildGrowthCurves([early, late]);
    expect(seriesOf(own, 'ability:code|7000000000|curated|0').points.map((p) => [p.experimentId, p.epoch])).toEqual([['early', 2], ['late', 6]]);
    expect(own.minEpoch).toBe(5); // the runs do not share one
    const forced = buildGrowthCurves([early, late], { minEpoch: 6 });
    expect(seriesOf(forced, 'ability:code|7000000000|curated|0').points.map((p) => p.epoch)).toEqual([6, 6]);
    expect(forced.minEpoch).toBe(6);
    expect(buildGrowthCurves([early]).minEpoch).toBe(1);
  });

  it('issue 13 item 2: a run with no validated epoch ≥ minEpoch is pending and drawn nowhere', () => {
    const early = run({ id: 'early', counts: { code: 4 }, epochs: [epoch(3, { code: { valid: 0.5, test: 0.5 } })] });
    const testOnly = run({ id: 'test-only', counts: { code: 4 }, epochs: [{ epoch: 6, evaluationId: 'e', groups: [group('code', 'test', binary(0.5))] }] });
    const done = run({ id: 'done', counts: { code: 16 }, epochs: [epoch(5, { code: { valid: 0.5, test: 0.5 } })] });
    const curves = buildGrowthCurves([early, testOnly, done]);
    expect(curves.pending).toEqual(['early', 'test-only']);
    expect(curves.experimentIds).toEqual(['early', 'test-only', 'done']);
    expect(curves.series.flatMap((s) => s.points.map((p) => p.experimentId))).toEqual(expect.arrayContaining(['done']));
    expect(curves.series.flatMap((s) => s.points.map((p) => p.experimentId))).not.toContain('early');
  });

  it('issue 13 item 2: one series per model size × source (× shots for benchmarks), points sorted by volume then seed', () => {
    const runs: GrowthRun[] = [];
    for (const parameters of [1.8e9, 7e9]) {
      for (const source of ['curated', 'synthetic'] as const) {
        for (const [v, seed] of [[64, 2], [16, 1], [64, 1]]) {
          runs.push(
            run({
              id: `${parameters}-${source}-${v}-${seed}`,
              parameters,
              source,
              seed,
              counts: { code: v },
              epochs: [epoch(5, { code: { valid: 0.5, test: 0.5 } }, [group('anatomy', 'test', binary(0.3), 'cmmlu', 0), group('anatomy', 'test', binary(0.4), 'cmmlu', 5)])],
            }),
          );
        }
      }
    }
    const curves = buildGrowthCurves(runs);
    const abilityKeys = curves.series.filter((s) => s.kind === 'ability').map((s) => s.key);
    expect(abilityKeys).toEqual(['ability:code|1800000000|curated|0', 'ability:code|1800000000|synthetic|0', 'ability:code|7000000000|curated|0', 'ability:code|7000000000|synthetic|0']);
    expect(curves.series.filter((s) => s.kind === 'benchmark')).toHaveLength(8);
    const s = seriesOf(curves, 'ability:code|7000000000|synthetic|0');
    expect(s).toMatchObject({ suite: 'in-domain', ability: 'code', parameters: 7e9, source: 'synthetic', shots: 0, expected: 0.25 });
    expect(s.points.map((p) => [p.volume, p.seed])).toEqual([[16, 1], [64, 1], [64, 2]]);
    expect(seriesOf(curves, 'benchmark:cmmlu/anatomy|7000000000|curated|5').points.map((p) => p.score)).toEqual([0.4, 0.4, 0.4]);
  });

  it('issue 13 item 2: ability curves take x from the run’s items of that ability, benchmarks and averages from its total; 0 items of an ability → no point on its curve', () => {
    const r = run({
      id: 'r',
      counts: { code: 16, history: 0, ethics: 48 },
      epochs: [epoch(5, { code: { valid: 0.5, test: 0.8 }, history: { valid: 0.5, test: 0.2 }, ethics: { valid: 0.5, test: 0.5 } }, [group('anatomy', 'test', binary(0.3), 'cmmlu')])],
    });
    const curves = buildGrowthCurves([r]);
    expect(seriesOf(curves, 'ability:code|7000000000|curated|0').points[0].volume).toBe(16);
    expect(seriesOf(curves, 'ability:ethics|7000000000|curated|0').points[0].volume).toBe(48);
    expect(curves.series.some((s) => s.ability === 'history' && s.kind === 'ability')).toBe(false);
    expect(seriesOf(curves, 'benchmark:cmmlu/anatomy|7000000000|curated|0').points[0].volume).toBe(64);
    const average = seriesOf(curves, 'average:in-domain/average|7000000000|curated|0').points[0];
    // the untrained ability still counts in the run's average
    expect(average).toMatchObject({ volume: 64, n: 600 });
    expect(average.score).toBeCloseTo((0.8 + 0.2 + 0.5) / 3, 12);
    expect(seriesOf(curves, 'average:cmmlu/average|7000000000|curated|0').points[0]).toMatchObject({ volume: 64, score: 0.3 });
  });

  it('issue 13 item 2: intervals are Wilson for 0/1 scores and a seeded bootstrap over items for partial credit', () => {
    const partial = Array.from({ length: 60 }, (_, i) => (i % 7) / 6);
    const r = run({ id: 'r', counts: { code: 16, cot_math: 16 }, epochs: [epoch(5, { code: { valid: 0.5, test: 0.35 }, cot_math: { valid: 0.5, test: partial } })] });
    const curves = buildGrowthCurves([r]);
    const code = seriesOf(curves, 'ability:code|7000000000|curated|0').points[0];
    const w = wilsonInterval(70, 200);
    expect(code.interval).toEqual({ lower: w.lower, upper: w.upper, method: 'wilson', variance: ((w.upper - w.lower) / (2 * normalQuantile(0.975))) ** 2 });
    const math = seriesOf(curves, 'ability:cot_math|7000000000|curated|0').points[0];
    const b = scoreInterval(partial);
    expect(math.interval).toEqual({ lower: b.lower, upper: b.upper, method: 'bootstrap', variance: b.variance });
    expect(math.score).toBeCloseTo(partial.reduce((s, x) => s + x, 0) / 60, 12);
    expect(math.interval.lower).toBeLessThan(math.score);
    expect(math.interval.upper).toBeGreaterThan(math.score);
  });

  it('issue 13 item 2: the average line propagates the abilities’ variances (Σ var / k², normal 95%) and takes the majority’s method', () => {
    const partial = Array.from({ length: 50 }, (_, i) => (i % 5) / 4);
    const r = run({ id: 'r', counts: { a: 1, b: 1, c: 1 }, epochs: [epoch(5, { a: { valid: 0.5, test: 0.2 }, b: { valid: 0.5, test: 0.6 }, c: { valid: 0.5, test: partial } })] });
    const curves = buildGrowthCurves([r]);
    const members = ['a', 'b', 'c'].map((a) => seriesOf(curves, `ability:${a}|7000000000|curated|0`).points[0]);
    const avg = seriesOf(curves, 'average:in-domain/average|7000000000|curated|0').points[0];
    const score = members.reduce((s, p) => s + p.score, 0) / 3;
    const variance = members.reduce((s, p) => s + p.interval.variance, 0) / 9;
    expect(avg.score).toBeCloseTo(score, 12);
    expect(avg.interval.variance).toBeCloseTo(variance, 15);
    expect(avg.interval.lower).toBeCloseTo(score - 1.959964 * Math.sqrt(variance), 6);
    expect(avg.interval.upper).toBeCloseTo(score + 1.959964 * Math.sqrt(variance), 6);
    expect(avg.interval.method).toBe('wilson');
    expect(seriesOf(curves, 'average:in-domain/average|7000000000|curated|0').expected).toBe(0.25);
  });

  it('issue 13 item 3: a rising curve is responsive with α_D’s CI above 0; a flat one is resistant', () => {
    // Rising with only the rounding of 200 items as scatter: with one seed per volume the last-three fit has 1 degree
    // of freedom (t = 12.7), so a visible wobble there would already read as a plateau.
    const rising = curveRuns('code', (v) => 0.15 + 0.05 * Math.log(v));
    const flat = curveRuns('ethics', (_, i) => 0.3 + wobble(i));
    const curves = buildGrowthCurves([...rising, ...flat]);
    const code = curves.sensitivities.find((s) => s.ability === 'code');
    const fit = code?.dataFits[0].fit;
    expect(code?.class).toBe('responsive');
    expect(fit?.alphaLower).toBeGreaterThan(0);
    expect(fit?.alpha).toBeCloseTo(0.05, 2);
    expect(fit?.weighting).toBe('inverse-variance');
    expect(fit?.gainPerX4).toBeCloseTo((fit?.alpha ?? 0) * Math.log(4), 12);
    expect(code?.reason).toContain('curated 7B series (6 volumes)');
    const ethics = curves.sensitivities.find((s) => s.ability === 'ethics');
    expect(ethics?.class).toBe('resistant');
    expect(ethics?.dataFits[0].fit?.alphaLower).toBeLessThan(0);
    expect(ethics?.dataFits[0].fit?.alphaUpper).toBeGreaterThan(0);
    // normalised across the two abilities: the more sensitive gets 1
    expect([code?.normalisedData, ethics?.normalisedData]).toEqual([1, 0]);
    expect(code?.sizeFit).toBeNull();
  });

  it('issue 13 item 3: rising then flat over the last three volumes is plateaued', () => {
    const PLATEAU = [0.2, 0.3, 0.4, 0.45, 0.44, 0.46];
    const curves = buildGrowthCurves(curveRuns('role_play', (_, i) => PLATEAU[i]));
    const s = curves.sensitivities[0];
    expect(s.class).toBe('plateaued');
    expect(s.dataFits[0].fit?.alphaLower).toBeGreaterThan(0);
    expect(s.dataFits[0].lastThree?.n).toBe(3);
    expect(s.dataFits[0].lastThree?.alphaLower).toBeLessThan(0);
  });

  it('issue 13 item 3: the classifying α_D is the curated series of the largest size with ≥ 3 volumes', () => {
    const runs = [
      ...curveRuns('code', (_, i) => 0.3 + wobble(i), { parameters: 1.8e9 }),
      ...curveRuns('code', (v) => 0.1 + 0.05 * Math.log(v), { parameters: 7e9, volumes: [16, 64] }),
      ...curveRuns('code', (v) => 0.1 + 0.05 * Math.log(v), { parameters: 13e9, source: 'synthetic' }),
    ];
    const s = buildGrowthCurves(runs).sensitivities[0];
    // the 7B curated series has 2 volumes: not estimable, so the flat 1.8B curated one decides, not the rising synthetic 13B
    expect(s.dataFits.map((f) => [f.parameters, f.source, f.fit === null])).toEqual([
      [1.8e9, 'curated', false],
      [7e9, 'curated', true],
      [13e9, 'synthetic', false],
    ]);
    expect(s.reason).toContain('curated 1.8B series');
    expect(s.class).toBe('resistant');
    // without curated series of ≥ 3 volumes, the synthetic one decides
    const synthetic = buildGrowthCurves(runs.filter((r) => r.parameters !== 1.8e9)).sensitivities[0];
    expect(synthetic.reason).toContain('synthetic 13B series');
    expect(synthetic.class).toBe('responsive');
  });

  it('issue 13 item 3: α_N over 3 sizes fits each size’s score averaged over the volumes every size has', () => {
    const sizes = [0.5e9, 1.8e9, 7e9];
    const score = (p: number, v: number) => 0.1 + 0.03 * Math.log(p / 1e8) + 0.01 * Math.log(v);
    const runs = sizes.flatMap((p) => curveRuns('code', (v) => score(p, v), { parameters: p, volumes: [16, 64, 256] }));
    // a volume only the largest size has is left out of its average
    runs.push(...curveRuns('code', () => 0.99, { parameters: 7e9, volumes: [1000] }));
    const curves = buildGrowthCurves(runs);
    const s = curves.sensitivities[0];
    const bySize = sizes.map((p) => {
      const pts = seriesOf(curves, `ability:code|${p}|curated|0`).points.filter((x) => x.volume !== 1000);
      return { x: p, y: pts.reduce((a, x) => a + x.score, 0) / 3, variance: pts.reduce((a, x) => a + x.interval.variance, 0) / 9 };
    });
    const expected = fitLogLinear(bySize);
    if (!expected.estimable) throw new Error('expected fit not estimable');
    expect(s.sizeFit).toMatchObject({ n: 3, weighting: 'inverse-variance' });
    expect(s.sizeFit?.alpha).toBeCloseTo(expected.alpha, 12);
    expect(s.sizeFit?.alpha).toBeCloseTo(0.03, 2);
    expect(s.normalisedSize).toBe(0.5);
    expect(s.reason).toContain('α_N over 3 sizes');
    // two sizes are not enough
    expect(buildGrowthCurves(runs.filter((r) => r.parameters !== 0.5e9)).sensitivities[0].sizeFit).toBeNull();
  });

  it('issue 13 item 2: the same runs give deep-equal curves (seeded bootstrap)', () => {
    const partial = (k: number) => Array.from({ length: 80 }, (_, i) => ((i * k) % 11) / 10);
    const runs = VOLUMES.map((v, i) =>
      run({ id: `r${v}`, counts: { code: v, cot_math: v }, epochs: [epoch(5, { code: { valid: 0.5, test: 0.2 + i * 0.05 }, cot_math: { valid: 0.5, test: partial(i + 1) } })] }),
    );
    const a = buildGrowthCurves(runs);
    const b = buildGrowthCurves(structuredClone(runs));
    expect(b).toEqual(a);
    expect(a.series.find((s) => s.ability === 'cot_math')?.points[0].interval.method).toBe('bootstrap');
  });

  it('bad input is refused naming the run, epoch and group, every problem at once', () => {
    const bad = run({ id: 'x', counts: { code: -1 }, epochs: [epoch(5, { code: { valid: 0.5, test: [0.5, 1.2] } }, [group('code', 'test', [])])] });
    const dup = run({ id: 'x', counts: { code: 1 }, epochs: [] });
    let error: unknown;
    try {
      buildGrowthCurves([bad, dup]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GrowthInputError);
    expect((error as GrowthInputError).problems).toEqual([
      'run x (run-x): trainTotal must be an integer ≥ 0, got -1',
      'run x (run-x): trainCounts.code must be an integer ≥ 0, got -1',
      'run x (run-x): experiment id given twice',
      'run x (run-x) epoch 5 group in-domain/code/test/0-shot: score of item 1 must be in [0, 1], got 1.2',
      'run x (run-x) epoch 5: group in-domain/code/test/0-shot given twice',
      'run x (run-x) epoch 5 group in-domain/code/test/0-shot: no per-item scores',
    ]);
  });

  it('a bad group at an epoch the curves do not read (here a test score of 2 before minEpoch) does not block the page', () => {
    const r = run({ id: 'r', counts: { code: 4 }, epochs: [epoch(3, { code: { valid: 0.5, test: [2] } }), epoch(5, { code: { valid: 0.5, test: 0.4 } })] });
    expect(seriesOf(buildGrowthCurves([r]), 'ability:code|7000000000|curated|0').points[0]).toMatchObject({ epoch: 5, score: 0.4 });
    // read, it is named
    expect(() => buildGrowthCurves([r], { minEpoch: 1 })).toThrow('run r (run-r) epoch 3 group in-domain/code/test/0-shot: score of item 0 must be in [0, 1], got 2');
  });

  it('a stored summary is refused naming its field', () => {
    const r = run({ id: 's', counts: { code: 1 }, epochs: [epoch(5, { code: { valid: 0.5, test: 0.5 } })] });
    r.epochs[0].groups[1].summary = { mean: 0.5, n: 0, interval: { lower: 0.6, upper: 0.4, method: 'wilson', variance: -1 } };
    expect(() => buildGrowthCurves([r])).toThrow(
      'growth curves: bad input: run s (run-s) epoch 5 group in-domain/code/test/0-shot: summary.n must be an integer > 0, got 0; ' +
        'run s (run-s) epoch 5 group in-domain/code/test/0-shot: summary.interval must have 0 ≤ lower ≤ upper ≤ 1, got [0.6, 0.4]; ' +
        'run s (run-s) epoch 5 group in-domain/code/test/0-shot: summary.interval.variance must be a number ≥ 0, got -1',
    );
  });

  it('issue 13 item 2: summaries stored as evaluations land give the same curves without the per-item scores', () => {
    const partial = (k: number) => Array.from({ length: 80 }, (_, i) => ((i * k) % 11) / 10);
    const runs = [1.8e9, 7e9, 13e9].flatMap((parameters) =>
      VOLUMES.map((v, i) =>
        run({
          id: `r${parameters}-${v}`,
          parameters,
          counts: { code: v, cot_math: v },
          epochs: [5, 6].map((e) => epoch(e, { code: { valid: 0.5 + e / 100, test: 0.2 + i * 0.05 }, cot_math: { valid: 0.4, test: partial(i + e) } }, [group('all', 'test', binary(0.3), 'cmmlu')])),
        }),
      ),
    );
    const stored = structuredClone(runs);
    for (const g of stored.flatMap((r) => r.epochs.flatMap((e) => e.groups))) {
      g.summary = summariseGroup(g.scores);
      g.scores = [];
    }
    const computed = buildGrowthCurves(runs);
    expect(buildGrowthCurves(stored)).toEqual(computed);
    expect(computed.sensitivities.map((s) => s.ability)).toEqual(['code', 'cot_math']);
  });
});
