import { useQuery } from '@tanstack/react-query';
import { exportsApi } from '../exports/exportsApi';
import { apiGet } from '../httpClient';
import type { VersionRecord } from '../versions/versionTypes';
import { experimentsApi } from './experimentsApi';


/** Registered base models (shared with the base-models screen's list). */
export const useBaseModels = () => useQuery({ queryKey: ['base-models'], queryFn: experimentsApi.baseModels });

/** Recipe names, each once. */
export const useRecipeNames = () => useQuery({ queryKey: ['experiments', 'recipe-names'], queryFn: exportsApi.recipeNames });

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
