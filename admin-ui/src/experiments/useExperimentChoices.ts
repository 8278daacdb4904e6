import { useQuery } from '@tanstack/react-query';
import { useLocaleState } from 'react-admin';
import { exportsApi } from '../exports/exportsApi';
import { apiGet } from '../httpClient';
import { sortRecipeNames } from '../recipes/recipeOrder';
import type { VersionRecord } from '../versions/versionTypes';
import { experimentsApi } from './experimentsApi';

/** Registered base models (shared with the base-models screen's list). */
export const useBaseModels = () => useQuery({ queryKey: ['base-models'], queryFn: experimentsApi.baseModels });

/** Recipe names, each once, in natural order for the interface's locale (curated-10 < curated-40 < curated-160). */
export const useRecipeNames = () => {
  const [locale] = useLocaleState();
  return useQuery({ queryKey: ['experiments', 'recipe-names'], queryFn: exportsApi.recipeNames, select: (names) => sortRecipeNames(names, locale) });
};

/** Versions an experiment can train on: frozen ones, newest first. */
export const useFrozenVersions = () =>
  useQuery({
    queryKey: ['experiments', 'frozen-versions'],
    queryFn: async () => {
      const q = new URLSearchParams({ range: JSON.stringify([0, 999]), sort: JSON.stringify(['createdAt', 'DESC']) });
      const rows = await apiGet<VersionRecord[]>(`/datasets/versions?${q}`);
      return rows.filter((v) => v.status === 'frozen');
    },
  });
