import { useQuery } from '@tanstack/react-query';
import { exportsApi } from '../exports/exportsApi';
import { httpClient } from '../httpClient';
import { API_URL } from '../session';
import { experimentsApi } from './experimentsApi';

export interface VersionChoice {
  id: number;
  name: string;
  status: string;
}

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
      const rows = (await httpClient(`${API_URL}/datasets/versions?${q}`)).json as VersionChoice[];
      return rows.filter((v) => v.status === 'frozen');
    },
  });
