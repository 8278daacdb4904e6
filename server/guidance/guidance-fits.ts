/**
 * What guidance reads from a growth view (issue 13 item 6): for the chosen size × source line, each ability's data
 * fit (α_D, b) and class, and for a plateaued ability where its plateau starts. Pure functions.
 */
import type { AbilityFit } from '../analysis/guidance/ability-fit';
import type { DataSource as RunSource } from '../analysis/growth/growth-types';
import type { GrowthView } from '../growth/growth-views';

export interface LineFits {
  /** abilities with a usable fit on the line */
  fits: Map<string, AbilityFit>;
  /** abilities of the selection without one, each with why */
  missing: { ability: string; reason: string }[];
}

/** The largest model size among the view's runs (the line guidance is for by default), null without runs. */
export function largestSize(view: GrowthView): number | null {
  return view.runs.length === 0 ? null : Math.max(...view.runs.map((r) => r.parameters));
}

/**
 * Per ability of the view (every in-domain 0-shot ability series): its data fit on the line and the class of its
 * sensitivity. The plateau of a plateaued ability starts at the first of the last three volumes of the line (the
 * window whose fit's CI includes 0). An ability the line has no estimable fit for, or that has no class (neither
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
      missing.push({ ability, reason: 'no class: neither a data-volume nor a model-size fit could be made' });
      continue;
    }
    if (!data?.fit) {
      missing.push({ ability, reason: data ? 'fewer than 3 points on the line, or one volume' : 'no runs on the line' });
      continue;
    }
    const fit: AbilityFit = { alpha: data.fit.alpha, b: data.fit.b, class: sensitivity.class };
    if (sensitivity.class === 'plateaued') {
      const series = view.series.find((s) => s.kind === 'ability' && s.shots === 0 && s.ability === ability && s.parameters === parameters && s.source === source);
      const volumes = [...new Set(series?.points.map((p) => p.volume) ?? [])].sort((a, b) => a - b);
      if (volumes.length >= 3) fit.plateauStart = volumes[volumes.length - 3];
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
