import { stringify } from 'yaml';
import type { ExportRecipe } from '../export-types';

export interface CardSource {
  name: string;
  kind: string;
  license: string | null;
  items: number;
}

export interface CardInput {
  version: { name: string; contentHash: string };
  recipe: ExportRecipe | null;
  seed: number;
  /** Rows per Hugging Face split (train, validation, test) and per ability × split. */
  splits: Record<HfSplit, number>;
  perAbility: Array<{ ability: string } & Record<HfSplit, number>>;
  sources: CardSource[];
}

export type HfSplit = 'train' | 'validation' | 'test';
export const HF_SPLITS: readonly HfSplit[] = ['train', 'validation', 'test'];

/** Hugging Face's license ids are lower case; anything else, or several licenses, is "other" with the list below. */
function cardLicense(sources: CardSource[]): string {
  const licenses = [...new Set(sources.map((s) => s.license?.trim().toLowerCase() || 'unknown'))];
  return licenses.length === 1 && /^[a-z0-9][a-z0-9.+-]*$/.test(licenses[0]) && licenses[0] !== 'unknown' ? licenses[0] : 'other';
}

/** The dataset card: YAML metadata that `datasets` reads (configs, features, split sizes), then counts and provenance. */
export function datasetCard(input: CardInput): string {
  const meta = {
    license: cardLicense(input.sources),
    language: ['zh', 'en'],
    task_categories: ['text-generation'],
    pretty_name: `Pace ${input.version.name}`,
    configs: [
      {
        config_name: 'default',
        data_files: HF_SPLITS.map((split) => ({ split, path: `data/${split}.parquet` })),
      },
    ],
    dataset_info: {
      features: [
        { name: 'id', dtype: 'int64' },
        { name: 'type', dtype: 'string' },
        { name: 'question_format', dtype: 'int32' },
        { name: 'messages', list: [{ name: 'role', dtype: 'string' }, { name: 'content', dtype: 'string' }] },
        { name: 'choices', sequence: 'string' },
        { name: 'answer', dtype: 'string' },
      ],
      splits: HF_SPLITS.map((name) => ({ name, num_examples: input.splits[name] })),
    },
  };
  const recipe = input.recipe ? `${input.recipe.name} (revision ${input.recipe.revision})` : 'none (the whole train split)';
  const lines = [
    '---',
    stringify(meta, { lineWidth: 0 }).trimEnd(),
    '---',
    '',
    `# Pace ${input.version.name}`,
    '',
    'Instruction-tuning data curated in Pace: each record is a conversation in the OpenAI `messages` shape with its',
    'ability (`type`) and DoIT question format (0: exact match, 1: open-ended, scored by perplexity over `choices`:',
    'gold answer, fine-grained distractor, coarse-grained distractor).',
    '',
    'Every split is here as JSON Lines (`data/<split>.jsonl`) and as Parquet (`data/<split>.parquet`) with the same rows.',
    '',
    '## Provenance',
    '',
    `- Dataset version: ${input.version.name}`,
    `- Version content hash (SHA-256): \`${input.version.contentHash}\``,
    `- Recipe (train split): ${recipe}`,
    `- Seed: ${input.seed}`,
    '- Validation and test: the version\'s full splits',
    '',
    '## Counts',
    '',
    '| ability | train | validation | test |',
    '| --- | ---: | ---: | ---: |',
    ...input.perAbility.map((a) => `| ${a.ability} | ${a.train} | ${a.validation} | ${a.test} |`),
    `| **total** | ${input.splits.train} | ${input.splits.validation} | ${input.splits.test} |`,
    '',
    '## Sources',
    '',
    '| source | kind | license | items in the version |',
    '| --- | --- | --- | ---: |',
    ...input.sources.map((s) => `| ${cell(s.name)} | ${s.kind} | ${cell(s.license ?? 'unknown')} | ${s.items} |`),
    '',
  ];
  return lines.join('\n');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
