/** The shapes the server's recipes API answers (server/recipes). */
export const POOLS = ['curated', 'synthetic', 'both'] as const;
export type Pool = (typeof POOLS)[number];

export const RULE_SHAPES = ['perAbility', 'counts', 'total', 'all'] as const;
export type RuleShape = (typeof RULE_SHAPES)[number];

export type QuotaRule =
  | { perAbility: number }
  | { counts: Record<string, number> }
  | { total: number; caps?: Record<string, number> }
  | { all: true; caps?: Record<string, number> };

export interface RecipeSpec {
  pool: Pool;
  quotas: QuotaRule;
  synthetic?: QuotaRule;
  sources?: string[];
  seed?: number;
}

export interface RecipeRecord {
  id: number;
  name: string;
  revision: number;
  spec: RecipeSpec;
  builtin: boolean;
  notes: string;
  createdBy: string | null;
  createdAt: string;
}

export interface RecipeWithRevisions extends RecipeRecord {
  latestRevision: number;
  revisions: { id: number; revision: number; notes: string; createdBy: string | null; createdAt: string }[];
}

export interface PreviewRow {
  abilityKey: string;
  available: number;
  requested: number;
  taken: number;
  shortfall: number;
}

export interface RecipePreview {
  recipe: { id: number; name: string; revision: number };
  versionId: number;
  seed: number;
  parts: { pool: Pool; abilities: PreviewRow[] }[];
  abilities: PreviewRow[];
  total: { requested: number; taken: number; shortfall: number };
}

export function shapeOf(rule: QuotaRule): RuleShape {
  return RULE_SHAPES.find((s) => s in rule) ?? 'perAbility';
}

/** What the rule says about one ability: a number, a cap, an even share of the rest, or everything. */
export function quotaFor(rule: QuotaRule, key: string): { kind: 'exact' | 'cap' | 'share' | 'all' | 'none'; n?: number } {
  if ('perAbility' in rule) return { kind: 'exact', n: rule.perAbility };
  if ('counts' in rule) return key in rule.counts ? { kind: 'exact', n: rule.counts[key] } : { kind: 'none' };
  if (rule.caps && key in rule.caps) return { kind: 'cap', n: rule.caps[key] };
  return 'total' in rule ? { kind: 'share' } : { kind: 'all' };
}

/** `name@revision`, the way recipes are referred to. */
export const refOf = (r: { name: string; revision: number }) => `${r.name}@${r.revision}`;
