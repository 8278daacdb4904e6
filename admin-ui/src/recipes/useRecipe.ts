import { useGetOne, type Identifier } from 'react-admin';
import type { RecipeWithRevisions } from './recipeTypes';

/** A recipe by a name or `name@rev` (the server also takes a row id), with its revisions. */
export function useRecipe(ref: string | null) {
  return useGetOne<Omit<RecipeWithRevisions, 'id'> & { id: Identifier }>('recipes', { id: ref ?? '' }, { enabled: ref !== null && ref !== '' });
}
