import { useGetOne, type RaRecord } from 'react-admin';
import type { RecipeWithRevisions } from './recipeTypes';

/** A recipe by a name or `name@rev` (the server also takes a row id), with its revisions. */
export function useRecipe(ref: string | null) {
  return useGetOne<Omit<RecipeWithRevisions, 'id'> & Pick<RaRecord, 'id'>>('recipes', { id: ref ?? '' }, { enabled: ref !== null && ref !== '' });
}
