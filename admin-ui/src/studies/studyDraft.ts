import { STUDY_TEMPLATES, type StudyCreateRequest, type StudyTemplate } from '../../../server/studies/study-views';

export { STUDY_TEMPLATES };

/** The create dialog's values as typed (@uiOnly: form state; numbers stay strings until checked). */
export interface StudyDraft {
  name: string;
  template: StudyTemplate;
  versionId: string;
  followVersions: boolean;
  baseModelIds: number[];
  recipes: string[];
  seeds: string;
  epochs: string;
  bestFromEpoch: string;
  learningRate: string;
  probeItems: string;
  sources: ('curated' | 'synthetic')[];
}

export const EMPTY_DRAFT: StudyDraft = {
  name: '',
  template: 'volume-grid',
  versionId: '',
  followVersions: false,
  baseModelIds: [],
  recipes: [],
  seeds: '42',
  epochs: '15',
  bestFromEpoch: '5',
  learningRate: '1e-5',
  probeItems: '64',
  sources: ['curated', 'synthetic'],
};

/** A refused field: its message key under pace.studies.errors. */
export type DraftErrors = Partial<Record<keyof StudyDraft, string>>;

const integer = (s: string) => /^\d+$/.test(s.trim());

/** Seeds as typed ("1, 2, 3"): each a whole number. */
export const parseSeeds = (s: string) => s.split(/[\s,，]+/).filter(Boolean);

export function validateStudy(d: StudyDraft): DraftErrors {
  const e: DraftErrors = {};
  if (!d.name.trim()) e.name = 'required';
  else if (d.name.length > 200) e.name = 'too_long';
  if (!d.followVersions && !d.versionId) e.versionId = 'version_or_follow';
  if (!d.baseModelIds.length) e.baseModelIds = 'base_models';
  if (d.template === 'custom' && !d.recipes.length) e.recipes = 'recipes';
  const seeds = parseSeeds(d.seeds);
  if (!seeds.length || !seeds.every(integer)) e.seeds = 'seeds';
  else if (new Set(seeds.map(Number)).size !== seeds.length) e.seeds = 'seeds_unique';
  if (!integer(d.epochs) || Number(d.epochs) < 1 || Number(d.epochs) > 1000) e.epochs = 'epochs';
  if (!integer(d.bestFromEpoch) || Number(d.bestFromEpoch) < 1) e.bestFromEpoch = 'best_from_epoch';
  else if (!e.epochs && Number(d.bestFromEpoch) > Number(d.epochs)) e.bestFromEpoch = 'best_after_last';
  const lr = Number(d.learningRate);
  if (!d.learningRate.trim() || !Number.isFinite(lr) || lr <= 0 || lr >= 1) e.learningRate = 'learning_rate';
  if (d.template === 'probe' && (!integer(d.probeItems) || Number(d.probeItems) < 1)) e.probeItems = 'probe_items';
  if (d.template === 'volume-grid' && !d.sources.length) e.sources = 'sources';
  return e;
}

/**
 * The request the dialog sends. `bestFromEpoch` travels with the hyper-parameters: the growth reader takes the runs'
 * common `bestFromEpoch` as its best-checkpoint rule's first epoch (server/growth/growth.service.ts).
 */
export function toRequest(d: StudyDraft): StudyCreateRequest {
  const hyperParams = { epochs: Number(d.epochs), learningRate: Number(d.learningRate), bestFromEpoch: Number(d.bestFromEpoch) };
  return {
    name: d.name.trim(),
    template: d.template,
    ...(d.followVersions ? { followVersions: true } : { versionId: Number(d.versionId) }),
    baseModelIds: d.baseModelIds,
    ...(d.template === 'custom' ? { recipes: d.recipes } : {}),
    seeds: parseSeeds(d.seeds).map(Number),
    hyperParams,
    ...(d.template === 'volume-grid' ? { sources: d.sources } : {}),
    ...(d.template === 'probe' ? { probeItems: Number(d.probeItems) } : {}),
  };
}
