import type { DistractorCheck } from '../shared/types';

export type Verdict = 'ok' | 'empty' | 'identical' | 'too_far' | 'too_close' | 'other';

/** Which rule a check failed, read from its numbers so it can be said in the interface language. */
export function verdictOf(c: DistractorCheck, text: string): Verdict {
  if (c.ok) return 'ok';
  if (!text.trim()) return 'empty';
  if (c.editRatio === 0) return 'identical';
  if (c.kind === 'fine' && c.editRatio > c.bounds.fineMaxEditRatio) return 'too_far';
  if (c.kind === 'coarse' && c.editRatio < c.bounds.coarseMinEditRatio) return 'too_close';
  return 'other';
}

const PERCENT = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
export const percent = (x: number) => PERCENT.format(x);

export const thresholdOf = (c: DistractorCheck) => (c.kind === 'fine' ? c.bounds.fineMaxEditRatio : c.bounds.coarseMinEditRatio);
