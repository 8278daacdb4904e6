import { HttpError } from 'react-admin';
import { httpClient } from '../httpClient';
import { API_URL } from '../session';
import type { RecipePreview, RecipeRecord, RecipeSpec } from './recipeTypes';

/** One refused field, as the server names it (`spec.quotas.caps.ethics`, `name`). */
export interface FieldError {
  field: string;
  message: string;
}

const path = (ref: string) => `${API_URL}/recipes/${encodeURIComponent(ref)}`;
const send = async <T>(url: string, method: string, body: unknown) => (await httpClient(url, { method, body: JSON.stringify(body) })).json as T;

/** Recipe reads other than lists and the writes, whose refusals the form shows field by field. */
export const recipesApi = {
  preview: async (ref: string, versionId: number, seed?: number) => {
    const q = new URLSearchParams({ versionId: String(versionId), ...(seed === undefined ? {} : { seed: String(seed) }) });
    return (await httpClient(`${path(ref)}/preview?${q}`)).json as RecipePreview;
  },
  create: (body: { name: string; spec: RecipeSpec; notes: string }) => send<RecipeRecord>(`${API_URL}/recipes`, 'POST', body),
  revise: (ref: string, body: { spec: RecipeSpec; notes: string }) => send<RecipeRecord>(path(ref), 'PUT', body),
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
