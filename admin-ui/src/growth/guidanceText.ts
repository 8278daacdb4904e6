import type { GuidanceReason } from '../../../server/analysis/guidance/guidance-messages';

/** How the server's templates write each numeric parameter (server/analysis/guidance/guidance-messages.ts). */
const SIGNED = new Set(['change', 'gainPerHour']);
const FIXED = new Set(['alpha', 'marginal', 'score', 'acceptedPerHour']);

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A guidance reason in the interface language: its `pace.guidance.*` message with the parameters written as the
 * server writes them (signed changes, three decimals), ability keys replaced by their display names and an ability
 * class by its translated name.
 */
export function guidanceText(translate: Translate, reason: Pick<GuidanceReason, 'key' | 'params'>, abilityNames: Readonly<Record<string, string>> = {}): string {
  const separator = translate('pace.growth.list_separator');
  const name = (key: string) => abilityNames[key] ?? key;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(reason.params)) {
    if (Array.isArray(v)) params[k] = v.map((x) => (k === 'abilities' ? name(String(x)) : String(x))).join(separator);
    else if (k === 'ability' && typeof v === 'string') params[k] = name(v);
    else if (k === 'class' && typeof v === 'string') params[k] = translate(`pace.growth.class.${v}`);
    else if (typeof v === 'number' && SIGNED.has(k)) params[k] = `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
    else if (typeof v === 'number' && FIXED.has(k)) params[k] = v.toFixed(3);
    else params[k] = v as string | number;
  }
  return translate(reason.key, params);
}
