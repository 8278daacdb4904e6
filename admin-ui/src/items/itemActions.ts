import type { AssignResult } from '../../../server/revisions/revision-views';
import { REOPEN_FROM, SEND_TO_REVISION_FROM, type ItemStatus, type Split, type SplitAssigned } from '../../../server/items/item-views';
import { apiSend } from '../httpClient';
import type { ItemRecord } from './itemRecord';

/** A lead's actions on chosen items: send to revision, re-open (accepted items, confirmed with a reason), set the split. */
export type LeadAction = 'send' | 'reopen' | 'split';

/** The statuses each revision action takes items from: the server's item life-cycle (server/items/item-views.ts). */
const FROM: Record<'send' | 'reopen', readonly ItemStatus[]> = { send: SEND_TO_REVISION_FROM, reopen: REOPEN_FROM };

type Planned = Pick<ItemRecord, 'id' | 'status' | 'split'>;

/** What an action will do to the chosen items, before it is sent: those it moves, and those it skips (never silently). */
export interface Plan {
  move: Planned[];
  skip: Planned[];
}

export function plan(action: LeadAction, items: readonly Planned[], split: Split | null = null): Plan {
  const moves = (i: Planned) => (action === 'split' ? (i.split ?? null) !== split : FROM[action].includes(i.status));
  return { move: items.filter(moves), skip: items.filter((i) => !moves(i)) };
}

/** The chosen items grouped by a field (status or split), in order of first appearance, with their ids. */
export function groupBy<K extends 'status' | 'split'>(items: readonly Planned[], key: K): { value: Planned[K]; ids: number[] }[] {
  const groups = new Map<Planned[K], number[]>();
  for (const i of items) groups.set(i[key], [...(groups.get(i[key]) ?? []), i.id]);
  return [...groups].map(([value, ids]) => ({ value, ids }));
}

/** What the server answered, the same for every action: the items it moved and those it refused, with why. */
export interface Outcome {
  moved: number[];
  refused: { itemId: number; status: ItemStatus | null; frozen?: boolean }[];
}

const post = <T>(path: string, body: unknown) => apiSend<T>('POST', path, body);

/**
 * The requests behind the actions. Each names the statuses it applies to, so the server (its item life-cycle) moves
 * only those and answers the rest as skipped; a set split skips items frozen into a version instead of refusing all.
 */
export const itemActionsApi = {
  run: async (action: LeadAction, itemIds: number[], opts: { split?: Split | null; reason?: string } = {}): Promise<Outcome> => {
    if (action === 'split') {
      const res = await post<SplitAssigned>('/items/split', { itemIds, split: opts.split ?? null, skipFrozen: true });
      return { moved: res.itemIds ?? [], refused: (res.skipped ?? []).map((s) => ({ itemId: s.itemId, status: null, frozen: true })) };
    }
    const body = action === 'send' ? { itemIds, statuses: FROM.send } : { itemIds, statuses: FROM.reopen, confirmReopen: true, reason: opts.reason };
    const res = await post<AssignResult>('/revisions/assign', body);
    return { moved: res.itemIds, refused: (res.skipped ?? []).map((s) => ({ itemId: s.itemId, status: s.status })) };
  },
  /** One item's split (the item page): a frozen item refuses it (409, the server's message names why). */
  setSplit: (itemId: number, split: Split | null) => post<SplitAssigned>('/items/split', { itemIds: [itemId], split }),
};

/** `#3, #5, #8`, for messages. */
export const idList = (ids: readonly number[]) => ids.map((id) => `#${id}`).join(', ');
