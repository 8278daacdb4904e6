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

/** What an experiment or a policy is made of: registered base models, frozen versions, recipe names. */
export function useExperimentChoices() {
  const baseModels = useQuery({ queryKey: ['base-models'], queryFn: experimentsApi.baseModels });
  const versions = useQuery({
    queryKey: ['experiments', 'frozen-versions'],
    queryFn: async () => {
      const q = new URLSearchParams({ range: JSON.stringify([0, 999]), sort: JSON.stringify(['createdAt', 'DESC']) });
      const rows = (await httpClient(`${API_URL}/datasets/versions?${q}`)).json as VersionChoice[];
      return rows.filter((v) => v.status === 'frozen');
    },
  });
  const recipes = useQuery({ queryKey: ['experiments', 'recipe-names'], queryFn: exportsApi.recipeNames });
  return { baseModels, versions, recipes };
}
