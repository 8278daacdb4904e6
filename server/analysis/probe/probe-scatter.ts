/**
 * The points of the two probe scatters (issue 13 item 4): Complexity against model-size sensitivity α_N and
 * Transference against data-volume sensitivity α_D, one labelled point per ability. The sensitivities come from the
 * scaling fits (server/analysis/stats), which also give the Pearson r and line drawn over these points. Pure function.
 */
import type { ProbeMeasure } from './probe-measures';

export interface AbilitySensitivity {
  ability: string;
  /** α_N: sensitivity to model size; null when the study did not vary model size */
  alphaSize: number | null;
  /** α_D: sensitivity to data volume; null when the study did not vary volume */
  alphaData: number | null;
}

/** no α of the scatter's kind (the study did not vary it), no scaling fit at all, or not in the probe study */
export type LeftOutReason = 'no-size-sensitivity' | 'no-data-sensitivity' | 'no-fit' | 'not-probed';

export interface ScatterPoint {
  ability: string;
  x: number;
  y: number;
}

export interface ProbeScatters {
  complexityVsSize: ScatterPoint[];
  transferenceVsData: ScatterPoint[];
  /** abilities left out of a scatter, each with why (a code the UI words in its locale) */
  leftOut: { ability: string; scatter: 'complexityVsSize' | 'transferenceVsData'; reason: LeftOutReason }[];
}

export function probeScatters(measures: readonly ProbeMeasure[], sensitivities: readonly AbilitySensitivity[]): ProbeScatters {
  const byAbility = new Map(sensitivities.map((s) => [s.ability, s]));
  const result: ProbeScatters = { complexityVsSize: [], transferenceVsData: [], leftOut: [] };
  for (const m of measures) {
    const s = byAbility.get(m.ability);
    if (s?.alphaSize == null) result.leftOut.push({ ability: m.ability, scatter: 'complexityVsSize', reason: s ? 'no-size-sensitivity' : 'no-fit' });
    else result.complexityVsSize.push({ ability: m.ability, x: s.alphaSize, y: m.complexity });
    if (s?.alphaData == null) result.leftOut.push({ ability: m.ability, scatter: 'transferenceVsData', reason: s ? 'no-data-sensitivity' : 'no-fit' });
    else result.transferenceVsData.push({ ability: m.ability, x: s.alphaData, y: m.transference });
  }
  const probed = new Set(measures.map((m) => m.ability));
  for (const s of sensitivities) {
    if (probed.has(s.ability)) continue;
    for (const scatter of ['complexityVsSize', 'transferenceVsData'] as const) result.leftOut.push({ ability: s.ability, scatter, reason: 'not-probed' });
  }
  return result;
}
