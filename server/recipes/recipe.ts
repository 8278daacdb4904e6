import type { RecipeSpec } from './recipe-spec';

/** One revision of a recipe (a row of `recipes`); `name@revision` names it. */
export interface Recipe {
  id: number;
  name: string;
  revision: number;
  spec: RecipeSpec;
  builtin: boolean;
  notes: string;
  createdBy: string | null;
  createdAt: Date;
}

/** A recipe with the revisions of its name, newest first, as a recipe page shows it. */
export interface RecipeWithRevisions extends Recipe {
  latestRevision: number;
  revisions: { id: number; revision: number; notes: string; createdBy: string | null; createdAt: Date }[];
}

/** `name` (its latest revision) or `name@rev`. */
export function parseRecipeRef(ref: string): { name: string; revision?: number } | null {
  const m = /^([a-z][a-z0-9._-]{0,99})(?:@(\d{1,9}))?$/.exec(ref);
  if (!m) return null;
  return m[2] === undefined ? { name: m[1] } : { name: m[1], revision: Number(m[2]) };
}

/** A recipe by row id, or by name (its latest revision) or `name@rev`. */
export type RecipeLookup = { id?: number; name?: string };

/** A path parameter: digits are a row id, anything else a name or `name@rev`. */
export function recipeLookup(ref: string): RecipeLookup {
  return /^\d{1,9}$/.test(ref) ? { id: Number(ref) } : { name: ref };
}
