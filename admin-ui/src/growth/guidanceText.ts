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

/**
 * A 409 "no fits yet" from the guidance API (server/guidance: `errors` name each ability without a fit and a `code`
 * for why) in the interface language; any other error's own message.
 */
export function guidanceErrorText(translate: Translate, error: Error, abilityNames: Readonly<Record<string, string>> = {}): string {
  const body = (error as { body?: { errors?: { field?: string; code?: string }[] } }).body;
  const missing = (body?.errors ?? []).filter((e) => e.field && e.code);
  if ((error as { status?: number }).status !== 409 || missing.length === 0) return error.message;
  const list = missing.map((e) => translate('pace.growth.no_fit', { ability: abilityNames[e.field!] ?? e.field, reason: translate(`pace.growth.no_fit_reason.${e.code}`) }));
  return translate('pace.growth.no_fits', { list: list.join(translate('pace.growth.list_separator')) });
}
