/** The recipes API's answers: the server's view types (type-only) as they arrive over JSON (`Wire`), and its pool list. */
import type { Wire } from '../../../server/common/wire';
import type { Recipe, RecipeWithRevisions as RecipeWithRevisionsView } from '../../../server/recipes/recipe';
import type { QuotaRule } from '../../../server/recipes/recipe-spec';

export { POOLS } from '../../../server/recipes/recipe-spec';
export type { Pool, QuotaRule, RecipeSpec } from '../../../server/recipes/recipe-spec';
export type { PreviewRow, RecipePreview } from '../../../server/recipes/recipe-views';

export type RecipeRecord = Wire<Recipe>;
export type RecipeWithRevisions = Wire<RecipeWithRevisionsView>;

/** The key each shape of quota rule is told apart by (`caps` rides along with two of them). */
type RuleKey = QuotaRule extends infer R ? (R extends unknown ? Exclude<keyof R, 'caps'> : never) : never;

/** The editor's shapes, in its order: every key of the server's QuotaRule, checked at compile time both ways. */
export const RULE_SHAPES = ['perAbility', 'counts', 'total', 'all'] as const satisfies readonly RuleKey[];
export type RuleShape = (typeof RULE_SHAPES)[number];
const everyShape: Record<RuleKey, true> = { perAbility: true, counts: true, total: true, all: true } satisfies Record<RuleShape, true>;
void everyShape;

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
