import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { GrowthUpdatedEvent } from '../../../server/growth/growth-views';
import { useAllAbilities } from '../abilities/AbilityName';
import { IFEVAL_METRICS } from '../experiments/experimentTypes';
import { useLiveEvent } from '../realtime/socket';
import { growthApi, type GrowthSelection } from './growthApi';

export const growthKeys = {
  all: ['growth'] as const,
  curves: (selection: GrowthSelection, minEpoch: number | undefined) => ['growth', 'curves', selection, minEpoch ?? null] as const,
  epochs: (experimentId: string) => ['growth', 'epochs', experimentId] as const,
  probe: (studyId: number) => ['growth', 'probe', studyId] as const,
  forecasts: (selection: GrowthSelection) => ['growth', 'forecasts', selection] as const,
  compare: (selection: GrowthSelection, baseline: string | undefined) => ['growth', 'compare', selection, baseline ?? null] as const,
  hours: (hours: number, studyId: number | null) => ['growth', 'hours', hours, studyId] as const,
  pace: ['growth', 'pace'] as const,
  stageOrder: ['growth', 'stage-order'] as const,
};

const isEmpty = (s: GrowthSelection) => ('experimentIds' in s ? s.experimentIds.length === 0 : false);

/**
 * The growth curves of a selection, read again when `growth.updated` names one of its experiments or its study (an
 * evaluation landed, a forecast was checked): the curves update live.
 */
export function useGrowthCurves(selection: GrowthSelection | null, minEpoch?: number) {
  const queryClient = useQueryClient();
  useLiveEvent<GrowthUpdatedEvent>(selection ? 'growth' : null, 'growth.updated', (e) => {
    if (!selection) return;
    const touched = 'studyId' in selection ? e.studyIds.includes(selection.studyId) : selection.experimentIds.some((id) => e.experimentIds.includes(id));
    if (touched) void queryClient.invalidateQueries({ queryKey: growthKeys.all });
  });
  return useQuery({
    queryKey: selection ? growthKeys.curves(selection, minEpoch) : ['growth', 'none'],
    queryFn: () => growthApi.curves(selection!, minEpoch),
    enabled: !!selection && !isEmpty(selection),
  });
}

/** Ability display names in the interface language, by key (IFEval metrics by their label; the key where neither: a benchmark subset). */
export function useAbilityNames(): Record<string, string> {
  const { data } = useAllAbilities();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  return useMemo(
    () => ({
      // IFEval's curves are named by its metrics (no ability has such a key)
      ...Object.fromEntries(IFEVAL_METRICS.map((m) => [m, translate(`pace.growth.ifeval_metric.${m}`)])),
      ...Object.fromEntries((data ?? []).map((a) => [a.key, locale.startsWith('zh') ? a.nameZh : a.nameEn])),
    }),
    [data, locale, translate],
  );
}

/** The chart and guidance languages the server knows: zh-CN for any Chinese interface, else en. */
export function useChartLocale(): 'en' | 'zh-CN' {
  const [locale] = useLocaleState();
  return locale.startsWith('zh') ? 'zh-CN' : 'en';
}
