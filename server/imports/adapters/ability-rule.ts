import type { AbilityRule, AdapterContext } from './adapter-spec.types';
import { FieldFailure, asText, evalExpr, fieldOf, holds } from './expr-evaluator';
import type { PathScope } from './spec-path.util';

export type AbilityOutcome = { ability: string | null } | { skip: string };

export function evalAbility(rule: AbilityRule, scope: PathScope, ctx: AdapterContext): AbilityOutcome {
  if ('const' in rule) return { ability: rule.const };
  if ('default' in rule) return { ability: ctx.defaultAbility ?? null };
  if ('rules' in rule) {
    const match = rule.rules.find((r) => holds(r.if, scope));
    return evalAbility(match ? match.then : rule.else, scope, ctx);
  }
  const raw = asText(evalExpr(rule.from, scope), fieldOf(rule.from, scope));
  const value = raw?.trim() ?? '';
  const mapped = rule.map ? (Object.hasOwn(rule.map, value) ? rule.map[value] : undefined) : value || undefined;
  if (mapped) return { ability: mapped };
  const missing = `no ability for ${rule.label} ${value || '(empty)'}`;
  switch (rule.otherwise) {
    case 'skip':
      return { skip: missing };
    case 'error':
      throw new FieldFailure(fieldOf(rule.from, scope), 'unknown_ability', missing);
    case 'default':
      return ctx.defaultAbility ? { ability: ctx.defaultAbility } : { skip: `${missing} and no default ability was given` };
  }
}
