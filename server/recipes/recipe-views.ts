/**
 * What the recipes API answers: GET /recipes[/:ref] (Recipe, RecipeWithRevisions in ./recipe.ts, the spec in
 * ./recipe-spec.ts) and GET /recipes/:ref/preview (below). Dependency-free, shared with the admin UI (type-only; the
 * pool list by value from ./recipe-spec.ts).
 */
import type { Pool, RecipeSpec } from './recipe-spec';

export interface PreviewRow {
  abilityKey: string;
  available: number;
  requested: number;
  taken: number;
  shortfall: number;
}

/** The counts a sample would have, without its ids; per part (pool, then mix's synthetic items) and in all. */
export interface RecipePreview {
  recipe: { id: number; name: string; revision: number; spec: RecipeSpec };
  versionId: number;
  seed: number;
  parts: { pool: Pool; abilities: PreviewRow[] }[];
  abilities: PreviewRow[];
  total: { requested: number; taken: number; shortfall: number };
}
