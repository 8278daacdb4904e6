import { normalizeText } from '../imports/standardize';
import type { DistractorBounds, DistractorCheck, DistractorKind } from './distractor-views';
import { editRatio } from './edit-ratio';

export type { DistractorBounds, DistractorCheck } from './distractor-views';

/**
 * Fine: subtly wrong (numbers, operators, names, terms changed), so not identical to the gold and not too far
 * from it. Coarse: fluent but ignoring the instruction, so far from the gold.
 */
export function checkDistractor(kind: DistractorKind, gold: string, text: string, bounds: DistractorBounds): DistractorCheck {
  const g = normalizeText(gold).trim();
  const t = normalizeText(text).trim();
  const ratio = Math.round(editRatio(g, t) * 1000) / 1000;
  const result = (message: string | null): DistractorCheck => ({ ok: message === null, kind, editRatio: ratio, message, bounds });
  if (t === '') return result('The distractor is empty');
  if (t === g) return result('The distractor is identical to the gold answer');
  if (kind === 'fine' && ratio > bounds.fineMaxEditRatio) {
    return result(`Too far from the gold answer for a fine-grained distractor: ${pct(ratio)} of characters changed, at most ${pct(bounds.fineMaxEditRatio)} allowed — change only numbers, operators, names or terms`);
  }
  if (kind === 'coarse' && ratio < bounds.coarseMinEditRatio) {
    return result(`Too close to the gold answer for a coarse-grained distractor: ${pct(ratio)} of characters changed, at least ${pct(bounds.coarseMinEditRatio)} needed — write a fluent answer that ignores the instruction`);
  }
  return result(null);
}

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10}%`;
}
