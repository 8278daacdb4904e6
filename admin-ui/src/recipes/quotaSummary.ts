import type { TranslateFunction } from 'react-admin';
import type { QuotaRule, RecipeSpec } from './recipeTypes';

const S = 'pace.recipes.summary';

/** One line for a list row: what the quotas amount to. */
export function summarizeSpec(spec: RecipeSpec, translate: TranslateFunction): string {
  const main = summarizeRule(spec.quotas, translate);
  return spec.synthetic ? `${main} ${translate(`${S}.synthetic`, { rule: summarizeRule(spec.synthetic, translate) })}` : main;
}

export function summarizeRule(rule: QuotaRule, translate: TranslateFunction): string {
  if ('perAbility' in rule) return translate(`${S}.perAbility`, { n: rule.perAbility });
  if ('counts' in rule) {
    const counts = Object.values(rule.counts);
    return translate(`${S}.counts`, { abilities: counts.length, total: counts.reduce((a, b) => a + b, 0) });
  }
  const caps = Object.keys(rule.caps ?? {}).length;
  if ('total' in rule) return translate(caps ? `${S}.total` : `${S}.total_uncapped`, { total: rule.total, caps });
  return translate(caps ? `${S}.all` : `${S}.all_uncapped`, { caps });
}
