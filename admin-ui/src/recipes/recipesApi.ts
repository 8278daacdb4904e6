import { HttpError } from 'react-admin';
import { apiGet, apiSend } from '../httpClient';
import type { FieldError } from '../../../server/recipes/recipe-spec';
import type { RecipePreview, RecipeRecord, RecipeSpec } from './recipeTypes';

/** One refused field, as the server names it (`spec.quotas.caps.ethics`, `name`). */
export type { FieldError } from '../../../server/recipes/recipe-spec';

const path = (ref: string) => `/recipes/${encodeURIComponent(ref)}`;

/** Recipe reads other than lists and the writes, whose refusals the form shows field by field. */
export const recipesApi = {
  preview: (ref: string, versionId: number, seed?: number) => {
    const q = new URLSearchParams({ versionId: String(versionId), ...(seed === undefined ? {} : { seed: String(seed) }) });
    return apiGet<RecipePreview>(`${path(ref)}/preview?${q}`);
  },
  create: (body: { name: string; spec: RecipeSpec; notes: string }) => apiSend<RecipeRecord>('POST', '/recipes', body),
  revise: (ref: string, body: { spec: RecipeSpec; notes: string }) => apiSend<RecipeRecord>('PUT', path(ref), body),
};

/**
 * The fields a refusal names: a 422's `{ field, message }` entries, or class-validator's "name: …" sentences
 * (httpClient joins those into the message with "; ").
 */
export function fieldErrorsOf(e: unknown): FieldError[] {
  if (!(e instanceof HttpError)) return [];
  const errors = (e.body as { errors?: unknown } | undefined)?.errors;
  if (Array.isArray(errors) && errors.every((x) => typeof x === 'object' && x !== null && 'field' in x)) return errors as FieldError[];
  return e.message
    .split('; ')
    .map((s) => /^([a-zA-Z][\w.[\]]*): (.+)$/.exec(s))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ field: m[1], message: m[2] }));
}
