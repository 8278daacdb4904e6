import type { ExportFormat, Split } from './export-types';
import type { TrainSample } from './train-sampler';
import type { AbilitySplitCount } from './version-items.repository';
import type { HfSplit } from './writers/dataset-card';

/** A run of items from one ability: a sampled train list (in sample order) or a whole split (by item id). */
export interface Segment {
  ability: string;
  abilityId: number;
  split: Split;
  itemIds?: string[];
  rows: number;
}

export type FileKind = 'doit' | 'hf-jsonl' | 'hf-parquet' | 'openai';

export interface PlannedFile {
  path: string;
  kind: FileKind;
  segments: Segment[];
  rows: number;
}

export const HF_CARD_PATH = 'hf/README.md';
const HF_NAME: Record<Split, HfSplit> = { train: 'train', valid: 'validation', test: 'test' };

/**
 * Every data file of an export, in the order they are written: per format, splits in train/valid/test order and
 * abilities by key. DoIT's layout follows its make_data.py and train_sft.py (ChiyuSONG/dynamics-of-instruction-tuning):
 * one JSON-lines file per ability named `<ability>.json` (the code globs `*.json`), the train set in
 * `data/<recipe>/`, the evaluation sets in `data/curated/valid/` and `data/curated/test/`; without a recipe the train
 * split goes to `curated/full/`, DoIT's name for the whole curated pool.
 */
export function planExport(opts: {
  formats: ExportFormat[];
  counts: AbilitySplitCount[];
  sample: TrainSample | null;
}): PlannedFile[] {
  const bySplit = segmentsBySplit(opts.counts, opts.sample);
  const rows = (segments: Segment[]) => segments.reduce((n, s) => n + s.rows, 0);
  const file = (path: string, kind: FileKind, segments: Segment[]): PlannedFile => ({ path, kind, segments, rows: rows(segments) });
  const files: PlannedFile[] = [];
  if (opts.formats.includes('doit')) {
    const trainDir = opts.sample ? `doit/${opts.sample.recipe.name}` : 'doit/curated/full';
    const dirs: Record<Split, string> = { train: trainDir, valid: 'doit/curated/valid', test: 'doit/curated/test' };
    for (const split of ['train', 'valid', 'test'] as const) {
      for (const seg of bySplit[split]) if (seg.rows > 0) files.push(file(`${dirs[split]}/${seg.ability}.json`, 'doit', [seg]));
    }
  }
  if (opts.formats.includes('hf')) {
    for (const split of ['train', 'valid', 'test'] as const) {
      files.push(file(`hf/data/${HF_NAME[split]}.jsonl`, 'hf-jsonl', bySplit[split]));
      files.push(file(`hf/data/${HF_NAME[split]}.parquet`, 'hf-parquet', bySplit[split]));
    }
  }
  if (opts.formats.includes('openai')) {
    files.push(file('openai/train.jsonl', 'openai', bySplit.train));
    files.push(file('openai/validation.jsonl', 'openai', bySplit.valid));
  }
  return files;
}

function segmentsBySplit(counts: AbilitySplitCount[], sample: TrainSample | null): Record<Split, Segment[]> {
  const out: Record<Split, Segment[]> = { train: [], valid: [], test: [] };
  const byKey = (a: { ability: string }, b: { ability: string }) => (a.ability < b.ability ? -1 : a.ability > b.ability ? 1 : 0);
  const abilityIds = new Map(counts.map((c) => [c.ability, c.abilityId]));
  for (const c of counts) {
    if (c.split === 'train' && sample) continue;
    out[c.split].push({ ability: c.ability, abilityId: c.abilityId, split: c.split, rows: c.n });
  }
  if (sample) {
    for (const a of sample.abilities) {
      if (a.itemIds.length === 0) continue;
      const abilityId = abilityIds.get(a.abilityKey);
      if (abilityId === undefined) throw new Error(`the recipe sampled ${a.abilityKey} items, but the version has none`);
      out.train.push({ ability: a.abilityKey, abilityId, split: 'train', itemIds: a.itemIds, rows: a.itemIds.length });
    }
  }
  for (const split of ['train', 'valid', 'test'] as const) out[split].sort(byKey);
  return out;
}

/** Rows per Hugging Face split and per ability × split, for the dataset card. */
export function cardCounts(counts: AbilitySplitCount[], sample: TrainSample | null) {
  const perAbility = new Map<string, Record<HfSplit, number>>();
  const at = (ability: string) => {
    let row = perAbility.get(ability);
    if (!row) perAbility.set(ability, (row = { train: 0, validation: 0, test: 0 }));
    return row;
  };
  for (const c of counts) if (!(c.split === 'train' && sample)) at(c.ability)[HF_NAME[c.split]] += c.n;
  for (const a of sample?.abilities ?? []) at(a.abilityKey).train += a.itemIds.length;
  const splits = { train: 0, validation: 0, test: 0 };
  for (const row of perAbility.values()) for (const s of ['train', 'validation', 'test'] as const) splits[s] += row[s];
  return {
    splits,
    perAbility: [...perAbility.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([ability, row]) => ({ ability, ...row })),
  };
}
