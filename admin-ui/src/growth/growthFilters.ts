import type { DataSource, GrowthCurves } from '../../../server/growth/growth-views';
import type { GrowthChartFilter } from '../../../server/charts/specs/growth-curve';

/**
 * The growth page's filters (@uiOnly: form state, not an API answer). `family` is the split or benchmark: `in-domain`
 * (the abilities and their average) or a benchmark suite (its subsets and their average).
 */
export interface GrowthFilterState {
  family: string;
  /** abilities (or subsets, or `average`) drawn, one chart each */
  abilities: string[];
  /** model sizes and sources toggled off */
  hiddenSizes: number[];
  hiddenSources: DataSource[];
  /** benchmarks: 0- or 5-shot, or all */
  shots: number | 'all';
}

/** What the loaded curves offer to filter on: families (in-domain first), their abilities, sizes, sources and shots. */
export function filterChoices(curves: GrowthCurves) {
  const families = [...new Set(curves.series.map((s) => s.suite))].sort((a, b) => (a === 'in-domain' ? -1 : b === 'in-domain' ? 1 : a.localeCompare(b)));
  const abilitiesOf = (family: string) => {
    const keys = [...new Set(curves.series.filter((s) => s.suite === family).map((s) => s.ability))];
    // the average first, then the abilities in the order the server sent them
    return [...keys.filter((k) => k === 'average'), ...keys.filter((k) => k !== 'average')];
  };
  const sizes = [...new Set(curves.series.map((s) => s.parameters))].sort((a, b) => a - b);
  const sources = (['curated', 'synthetic'] as const).filter((src) => curves.series.some((s) => s.source === src));
  const shotsOf = (family: string) => [...new Set(curves.series.filter((s) => s.suite === family).map((s) => s.shots))].sort((a, b) => a - b);
  return { families, abilitiesOf, sizes, sources, shotsOf };
}

/** The filters a page opens with: the in-domain family (or the first), every ability of it, everything shown. */
export function initialFilters(curves: GrowthCurves): GrowthFilterState {
  const c = filterChoices(curves);
  const family = c.families[0] ?? 'in-domain';
  return { family, abilities: c.abilitiesOf(family), hiddenSizes: [], hiddenSources: [], shots: 'all' };
}

/** The spec's filter for one chart of the page: the ability's curve family with the sizes and sources left on. */
export function chartFilter(curves: GrowthCurves, state: GrowthFilterState, ability: string): GrowthChartFilter {
  const c = filterChoices(curves);
  // the kind the server gave this curve (an average, an ability or a benchmark subset), not guessed from its name
  const kind = curves.series.find((s) => s.suite === state.family && s.ability === ability)?.kind ?? (state.family === 'in-domain' ? 'ability' : 'benchmark');
  return {
    kind,
    suite: state.family,
    ability,
    ...(state.shots === 'all' ? {} : { shots: state.shots }),
    parameters: c.sizes.filter((p) => !state.hiddenSizes.includes(p)),
    sources: c.sources.filter((s) => !state.hiddenSources.includes(s)),
  };
}
