import { BadRequestException } from '@nestjs/common';
import type { HyperParams } from '../experiments/experiment-views';
import { validateHyperParams } from '../experiments/hyper-params';
import { STUDY_TEMPLATES, type StudyCreateRequest, type StudyTemplate } from './study-views';

export interface FieldError {
  field: string;
  message: string;
}

/** A study request, checked and with its defaults filled in. */
export interface StudyRequest {
  name: string;
  template: StudyTemplate;
  versionId: number | null;
  followVersions: boolean;
  baseModelIds: number[];
  recipes: string[];
  seeds: number[];
  hyperParams: Partial<HyperParams>;
  sources: ('curated' | 'synthetic')[] | null;
  probeItems: number | null;
}

export const DEFAULT_STUDY_SEEDS = [42];
export const DEFAULT_PROBE_ITEMS = 64;
const MAX_SEED = 2 ** 31 - 1;
const MAX_GRID_LIST = 200;
const SOURCES = ['curated', 'synthetic'] as const;

/** A 400 naming every bad field: `{ message, errors: [{ field, message }] }`. */
export function badFields(errors: FieldError[]): BadRequestException {
  return new BadRequestException({ message: errors.map((e) => `${e.field}: ${e.message}`).join('; '), errors });
}

const isInt = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

function intList(raw: unknown, field: string, min: number, max: number, errors: FieldError[]): number[] {
  if (!Array.isArray(raw)) {
    errors.push({ field, message: 'must be a list of whole numbers' });
    return [];
  }
  if (raw.length > MAX_GRID_LIST) errors.push({ field, message: `at most ${MAX_GRID_LIST} entries` });
  raw.forEach((v, i) => {
    if (!isInt(v, min, max)) errors.push({ field: `${field}[${i}]`, message: `must be a whole number from ${min} to ${max}` });
    else if (raw.indexOf(v) !== i) errors.push({ field: `${field}[${i}]`, message: `${v} is listed twice` });
  });
  return raw as number[];
}

/**
 * Checks a create request as a whole and answers every problem with its field (`baseModelIds[1]`, `hyperParams.epochs`);
 * the service adds what needs the database (unknown base models, recipes, versions) and refuses them all at once.
 */
export function checkStudyRequest(raw: StudyCreateRequest): { req: StudyRequest; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const name = typeof raw.name === 'string' ? raw.name.trim() : '';
  if (!name) errors.push({ field: 'name', message: 'must not be empty' });
  else if (name.length > 200) errors.push({ field: 'name', message: 'at most 200 characters' });
  const template = raw.template ?? 'custom';
  if (!STUDY_TEMPLATES.includes(template)) errors.push({ field: 'template', message: `must be one of ${STUDY_TEMPLATES.join(', ')}` });
  const versionId = raw.versionId ?? null;
  if (versionId !== null && !isInt(versionId, 1, MAX_SEED)) errors.push({ field: 'versionId', message: 'must be a dataset version id' });
  const followVersions = raw.followVersions ?? false;
  if (typeof followVersions !== 'boolean') errors.push({ field: 'followVersions', message: 'must be true or false' });
  if (versionId === null && followVersions !== true) errors.push({ field: 'versionId', message: 'give a frozen version, or followVersions: true to run on every new frozen version' });

  const baseModelIds = intList(raw.baseModelIds ?? [], 'baseModelIds', 1, MAX_SEED, errors);
  if (raw.baseModelIds === undefined || (Array.isArray(raw.baseModelIds) && raw.baseModelIds.length === 0)) errors.push({ field: 'baseModelIds', message: 'name at least one base model' });
  const seeds = intList(raw.seeds ?? DEFAULT_STUDY_SEEDS, 'seeds', 0, MAX_SEED, errors);
  if (Array.isArray(raw.seeds) && raw.seeds.length === 0) errors.push({ field: 'seeds', message: 'name at least one seed (default [42])' });

  let recipes: string[] = [];
  if (raw.recipes !== undefined) {
    if (!Array.isArray(raw.recipes) || raw.recipes.some((r) => typeof r !== 'string' || r.trim() === '')) errors.push({ field: 'recipes', message: 'must be a list of recipe names' });
    else {
      recipes = raw.recipes.map((r) => r.trim());
      recipes.forEach((r, i) => recipes.indexOf(r) !== i && errors.push({ field: `recipes[${i}]`, message: `"${r}" is listed twice` }));
      if (recipes.length > MAX_GRID_LIST) errors.push({ field: 'recipes', message: `at most ${MAX_GRID_LIST} recipes` });
    }
  }
  if (template === 'custom' && recipes.length === 0 && !errors.some((e) => e.field === 'recipes')) errors.push({ field: 'recipes', message: 'a custom study names at least one recipe' });
  if (template !== 'custom' && recipes.length > 0) errors.push({ field: 'recipes', message: `the ${template} template chooses its own recipes; leave recipes out (or use template "custom")` });

  let sources: StudyRequest['sources'] = null;
  if (raw.sources !== undefined) {
    if (template !== 'volume-grid') errors.push({ field: 'sources', message: 'only the volume-grid template takes sources' });
    else if (!Array.isArray(raw.sources) || raw.sources.length === 0 || raw.sources.some((s) => !SOURCES.includes(s))) errors.push({ field: 'sources', message: `must be a non-empty list of ${SOURCES.join(', ')}` });
    else sources = [...new Set(raw.sources)];
  }
  let probeItems: number | null = null;
  if (template === 'probe') {
    probeItems = raw.probeItems ?? DEFAULT_PROBE_ITEMS;
    if (!isInt(probeItems, 1, 1_000_000)) errors.push({ field: 'probeItems', message: 'must be a whole number from 1 to 1000000' });
    if (followVersions === true) errors.push({ field: 'followVersions', message: 'a probe study runs on one frozen version (its recipes are that version\'s abilities)' });
  } else if (raw.probeItems !== undefined) errors.push({ field: 'probeItems', message: 'only the probe template takes probeItems' });

  let hyperParams: Partial<HyperParams> = {};
  try {
    hyperParams = validateHyperParams(raw.hyperParams);
  } catch (e) {
    const body = (e as BadRequestException).getResponse?.() as { message?: string; errors?: FieldError[] } | string | undefined;
    if (typeof body === 'object' && Array.isArray(body?.errors)) errors.push(...body.errors);
    else errors.push({ field: 'hyperParams', message: (e as Error).message });
  }
  return { req: { name, template, versionId, followVersions, baseModelIds, recipes, seeds, hyperParams, sources, probeItems }, errors };
}

/** A probe recipe's name: `probe-<items>-<ability key>` in the recipe-name alphabet; a key that had to change keeps a hash of itself, so two keys never meet. */
export function probeRecipeName(abilityKey: string, items: number, hash: (s: string) => string): string {
  const clean = abilityKey.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
  const tail = clean === abilityKey ? clean : `${clean}-${hash(abilityKey).slice(0, 8)}`;
  return `probe-${items}-${tail}`.slice(0, 100);
}
