/**
 * What guidance reads from a growth view (issue 13 item 6): for the chosen size × source line, each ability's data
 * fit (α_D, b) and class, and for a plateaued ability where its plateau starts. Pure functions.
 */
import type { AbilityFit } from '../analysis/guidance/ability-fit';
import type { DataSource as RunSource } from '../analysis/growth/growth-types';
import type { GrowthPoint, GrowthView } from '../growth/growth-views';

/** Why an ability of the line has no fit. */
export type MissingFitCode = 'no_class' | 'few_points' | 'no_runs';

export interface LineFits {
  /** abilities with a usable fit on the line */
  fits: Map<string, AbilityFit>;
  /** abilities of the selection without one, each with why */
  /** `code` names the reason for the UI to say in its own language (issue 16 item 7); `reason` is for logs and the CLI. */
  missing: { ability: string; code: MissingFitCode; reason: string }[];
}

/** The largest model size among the view's runs (the line guidance is for by default), null without runs. */
export function largestSize(view: GrowthView): number | null {
  return view.runs.length === 0 ? null : Math.max(...view.runs.map((r) => r.parameters));
}

/**
 * Per ability of the view (every in-domain 0-shot ability series): its data fit on the line and the class of its
 * sensitivity, and for a plateaued ability where its plateau starts (plateauStart). An ability the line has no estimable fit for, or that has no class (neither
 * α_D nor α_N could be fitted), is missing.
 */
export function lineFits(view: GrowthView, parameters: number, source: RunSource): LineFits {
  const abilities = [...new Set(view.series.filter((s) => s.kind === 'ability' && s.shots === 0).map((s) => s.ability))].sort();
  const fits = new Map<string, AbilityFit>();
  const missing: LineFits['missing'] = [];
  for (const ability of abilities) {
    const sensitivity = view.sensitivities.find((s) => s.ability === ability);
    const data = sensitivity?.dataFits.find((f) => f.parameters === parameters && f.source === source);
    if (!sensitivity) {
      missing.push({ ability, code: 'no_class', reason: 'no class: neither a data-volume nor a model-size fit could be made' });
      continue;
    }
    if (!data?.fit) {
      missing.push(data ? { ability, code: 'few_points', reason: 'fewer than 3 points on the line, or one volume' } : { ability, code: 'no_runs', reason: 'no runs on the line' });
      continue;
    }
    const fit: AbilityFit = { alpha: data.fit.alpha, b: data.fit.b, class: sensitivity.class };
    if (sensitivity.class === 'plateaued') {
      const series = view.series.find((s) => s.kind === 'ability' && s.shots === 0 && s.ability === ability && s.parameters === parameters && s.source === source);
      const start = plateauStart(series?.points ?? []);
      if (start !== null) fit.plateauStart = start;
    }
    fits.set(ability, fit);
  }
  return { fits, missing };
}

/** Per ability, the largest train count among the view's runs on any line (what the runs train on today). */
export function currentCounts(view: GrowthView): Record<string, number> {
  const out: Record<string, number> = {};
  for (const run of view.runs) for (const [ability, n] of Object.entries(run.trainCounts)) out[ability] = Math.max(out[ability] ?? 0, n);
  return out;
}

/**
 * Where a plateaued ability's plateau starts on its line (the default cap of its quota): the first of the last three
 * volumes — the window whose fit's CI includes 0 — whose points reach the best-scoring volume of that window (some
 * point's 95% interval reaches the lowest lower bound of the best volume's points); null below three volumes.
 *
 * The window test alone also calls a curve flat when it bends up to a ceiling: the pattern ability of the end-to-end
 * study scores 59 % at 32 items, 95 % at 64 and 99 % at 128, and that window's fit has a CI including 0 (issue 13
 * item 6, test/e2e/growth-study-loop.e2e-spec.ts). Capping at the window's first volume there would cut a run from 128
 * to 32 items and 40 points of score; the plateau starts at 64, where the scores reach the top. Non-overlapping 95%
 * intervals are a conservative sign of a real difference, so the start only moves past volumes clearly below the top.
 */
export function plateauStart(points: readonly GrowthPoint[]): number | null {
  const volumes = [...new Set(points.map((p) => p.volume))].sort((a, b) => a - b);
  if (volumes.length < 3) return null;
  const window = volumes.slice(-3);
  const at = (v: number) => points.filter((p) => p.volume === v);
  const mean = (v: number) => at(v).reduce((sum, p) => sum + p.score, 0) / at(v).length;
  const best = window.reduce((a, b) => (mean(b) > mean(a) ? b : a));
  const top = Math.min(...at(best).map((p) => p.interval.lower));
  return window.find((v) => Math.max(...at(v).map((p) => p.interval.upper)) >= top) ?? best;
}
