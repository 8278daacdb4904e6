import { readSession } from '../../session';
import { ROUND_KINDS, type QueueDepth, type RoundKind } from '../shared/types';

/** The work a reviewer chose in the review screen: a kind of round and an ability, null meaning any. */
export interface WorkChoice {
  kind: RoundKind | null;
  abilityId: number | null;
}

export const ANY_WORK: WorkChoice = { kind: null, abilityId: null };

/** Per user: two people sharing a browser keep their own choice. */
const storageKey = () => `pace.workspace.work.${readSession()?.user.id ?? 'anonymous'}`;

/** The choice this user made last (any work when none, or when what was stored no longer makes sense). */
export function loadWorkChoice(): WorkChoice {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey()) ?? 'null') as Partial<WorkChoice> | null;
    const kind = ROUND_KINDS.find((k) => k === stored?.kind) ?? null;
    const abilityId = Number.isInteger(stored?.abilityId) && (stored?.abilityId as number) > 0 ? (stored?.abilityId as number) : null;
    return { kind, abilityId };
  } catch {
    return ANY_WORK;
  }
}

export function saveWorkChoice(choice: WorkChoice): void {
  localStorage.setItem(storageKey(), JSON.stringify(choice));
}

/** The body of POST /reviews/next for a choice: what is not chosen is left out. */
export function nextFilter(choice: WorkChoice): { kind?: RoundKind; abilityId?: number } {
  return { ...(choice.kind ? { kind: choice.kind } : {}), ...(choice.abilityId ? { abilityId: choice.abilityId } : {}) };
}

/** The queue-depth stage each kind of round is counted under (GET /reviews/queue). */
const STAGE_OF: Record<RoundKind, QueueDepth['byAbility'][number]['stage']> = { filter: 'filter', validation: 'validation', distractor: 'distractor_review' };

/** Items waiting for a kind of round (any kind: null) of an ability (any: null). */
export function waiting(depth: QueueDepth, kind: RoundKind | null, abilityId: number | null): number {
  const stages = new Set((kind ? [kind] : ROUND_KINDS).map((k) => STAGE_OF[k]));
  return depth.byAbility.filter((r) => stages.has(r.stage) && (abilityId === null || r.abilityId === abilityId)).reduce((n, r) => n + r.count, 0);
}
