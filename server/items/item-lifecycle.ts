import { HttpException, HttpStatus } from '@nestjs/common';
import type { Role } from '../users/user.entity';
import type { ItemStatus } from './item.entity';
import { REOPEN_FROM, SEND_TO_REVISION_FROM } from './item-views';

/**
 * The item life-cycle, the one place that says how an item's status may change. Every code path that moves an
 * item — review rounds, revision leases, lead actions, the duplicate overrule — names one of these actions, and
 * the SQL that moves items takes its from-states and its to-state from here (see ItemStatusRepository), so no path
 * can set a status this table does not allow, and a bulk move only touches items in the states its action applies to.
 *
 *   (import) → pending_review | needs_answer | duplicate | reference | accepted (review mode none, synthetic only)
 *   pending_review → in_review → accepted | rejected                       (dual blind filtering)
 *   rejected | needs_answer → in_revision                                  (send_to_revision, leads)
 *   accepted → in_revision                                                 (reopen: leads, confirmed, audited)
 *   in_revision → revising → validating → accepted | rejected              (revision and its validation)
 *   revising → in_revision                                                 (lease released, expired or handed back)
 *   duplicate → pending_review | needs_answer                              (a lead overrules the duplicate mark)
 *   reference: never moves (benchmark items are evaluation material only)
 *
 * `system` is the server acting on its own (a lease timing out, a round decided by its second review): those
 * transitions are the consequence of another allowed action and carry that action's actor in the audit log.
 */
export type Actor = Role | 'system';

export interface Transition {
  /** The action's name, also written to the audit log. */
  action: ItemAction;
  from: readonly ItemStatus[];
  to: ItemStatus;
  /** Who may take this action. */
  roles: readonly Actor[];
  /** The action must be confirmed explicitly by the request (`confirmReopen: true`). */
  confirm?: boolean;
  /** What it does, for error messages and the API docs. */
  describe: string;
}

/** Who reviews and revises (server/reviews/reviewers.ts REVIEWERS). */
const REVIEWERS: readonly Actor[] = ['annotator', 'lead'];
const LEADS: readonly Actor[] = ['admin', 'lead'];

export const ITEM_ACTIONS = [
  'start_review',
  'accept',
  'reject',
  'send_to_revision',
  'reopen',
  'lease_revision',
  'return_revision',
  'submit_revision',
  'overrule_duplicate',
  'overrule_duplicate_unanswered',
  'overrule_duplicate_unreviewed',
] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export const ITEM_TRANSITIONS: Readonly<Record<ItemAction, Transition>> = {
  start_review: {
    action: 'start_review',
    from: ['pending_review'],
    to: 'in_review',
    roles: REVIEWERS,
    describe: 'a reviewer takes a pending item into a filtering round (the pace_lease_review SQL function)',
  },
  accept: {
    action: 'accept',
    from: ['in_review', 'validating'],
    to: 'accepted',
    roles: [...REVIEWERS, 'system'],
    describe: 'both reviewers of a filtering or validation round approved',
  },
  reject: {
    action: 'reject',
    from: ['in_review', 'validating'],
    to: 'rejected',
    roles: [...REVIEWERS, 'system'],
    describe: 'a reviewer of a filtering or validation round rejected',
  },
  send_to_revision: {
    action: 'send_to_revision',
    from: SEND_TO_REVISION_FROM,
    to: 'in_revision',
    roles: LEADS,
    describe: 'a lead sends a rejected or unanswered item to the revision queue',
  },
  reopen: {
    action: 'reopen',
    from: REOPEN_FROM,
    to: 'in_revision',
    roles: LEADS,
    confirm: true,
    describe:
      'a lead re-opens an accepted item for revision: it leaves every later version until it is accepted again; frozen versions keep their snapshot and the item keeps its split',
  },
  lease_revision: {
    action: 'lease_revision',
    from: ['in_revision'],
    to: 'revising',
    roles: REVIEWERS,
    describe: 'a reviser takes an item from the revision queue',
  },
  return_revision: {
    action: 'return_revision',
    from: ['revising'],
    to: 'in_revision',
    roles: [...REVIEWERS, 'admin', 'system'],
    describe: 'a revision lease is released by its reviser or a lead, expires, or is handed back to the queue',
  },
  submit_revision: {
    action: 'submit_revision',
    from: ['revising'],
    to: 'validating',
    roles: REVIEWERS,
    describe: 'the reviser submits the revised item for validation by two other reviewers',
  },
  overrule_duplicate: {
    action: 'overrule_duplicate',
    from: ['duplicate'],
    to: 'pending_review',
    roles: LEADS,
    describe: 'a lead overrules a duplicate mark on an item with an answer',
  },
  overrule_duplicate_unanswered: {
    action: 'overrule_duplicate_unanswered',
    from: ['duplicate'],
    to: 'needs_answer',
    roles: LEADS,
    describe: 'a lead overrules a duplicate mark on an item without an answer',
  },
  overrule_duplicate_unreviewed: {
    action: 'overrule_duplicate_unreviewed',
    from: ['duplicate'],
    to: 'accepted',
    roles: LEADS,
    describe:
      'a lead overrules a duplicate mark on an answered item of review mode none (a synthetic source accepted without review): it is accepted as its import would have accepted it, since no review round ever takes such an item',
  },
};

/**
 * The statuses an import may create items in (creation, not a transition). `accepted` only for items of a synthetic
 * source imported with review mode `none` (accepted without review, audited as `accept_without_review`).
 */
export const INITIAL_STATUSES: readonly ItemStatus[] = ['pending_review', 'needs_answer', 'duplicate', 'reference', 'accepted'];

export type TransitionRefusal = 'wrong_state' | 'forbidden' | 'unconfirmed';

const REFUSAL_STATUS: Record<TransitionRefusal, HttpStatus> = {
  wrong_state: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
  unconfirmed: HttpStatus.CONFLICT,
};

/** Why an action may not move an item: 409 (wrong state, or not confirmed) or 403 (role), with the reason in the message. */
export class ItemTransitionError extends HttpException {
  constructor(
    readonly code: TransitionRefusal,
    message: string,
  ) {
    super({ message, errors: [{ field: code === 'unconfirmed' ? 'confirmReopen' : 'status', message: code }] }, REFUSAL_STATUS[code]);
    this.name = 'ItemTransitionError';
  }
}

/** Every (from, to) pair the machine allows, with the actions that make it. */
export function allowedMoves(): { from: ItemStatus; to: ItemStatus; action: ItemAction }[] {
  return Object.values(ITEM_TRANSITIONS).flatMap((t) => t.from.map((from) => ({ from, to: t.to, action: t.action })));
}

export function canMove(from: ItemStatus, to: ItemStatus): boolean {
  return allowedMoves().some((m) => m.from === from && m.to === to);
}

/** The action that applies to an item in `status` when a lead sends it to revision (send_to_revision or reopen). */
export function revisionActionFor(status: ItemStatus): 'send_to_revision' | 'reopen' | null {
  if (ITEM_TRANSITIONS.send_to_revision.from.includes(status)) return 'send_to_revision';
  if (ITEM_TRANSITIONS.reopen.from.includes(status)) return 'reopen';
  return null;
}

/**
 * Checks that `actor` may take `action` (and confirmed it, where the action needs that); with `from`, also that an
 * item in that status is one the action applies to. Returns the status the item moves to.
 */
export function checkTransition(action: ItemAction, actor: Actor, opts: { from?: ItemStatus; confirmed?: boolean; itemId?: number | string } = {}): ItemStatus {
  const t = ITEM_TRANSITIONS[action];
  const what = opts.itemId === undefined ? 'an item' : `item ${opts.itemId}`;
  if (!t.roles.includes(actor)) {
    throw new ItemTransitionError('forbidden', `A ${actor} may not ${action.replace(/_/g, ' ')} ${what}: only ${t.roles.filter((r) => r !== 'system').join(' or ')} may (${t.describe})`);
  }
  if (opts.from !== undefined && !t.from.includes(opts.from)) {
    throw new ItemTransitionError('wrong_state', `Cannot ${action.replace(/_/g, ' ')} ${what}: it is ${opts.from}, and this applies only to ${t.from.join(' or ')} items`);
  }
  if (t.confirm && !opts.confirmed) {
    throw new ItemTransitionError(
      'unconfirmed',
      `Re-opening ${what} needs confirmReopen: true — it is accepted, and re-opening ${t.describe.replace(/^a lead re-opens an accepted item for revision: /, '')}`,
    );
  }
  return t.to;
}
