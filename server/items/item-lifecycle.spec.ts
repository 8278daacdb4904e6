import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES, type ItemStatus } from './item.entity';
import { allowedMoves, canMove, checkTransition, ITEM_TRANSITIONS, ItemTransitionError, revisionActionFor, type ItemAction } from './item-lifecycle';

function refusal(fn: () => unknown): ItemTransitionError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ItemTransitionError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('item life-cycle (issue 11 item 5)', () => {
  it('allows exactly the transitions of the documented life-cycle, and nothing else', () => {
    const pairs = allowedMoves().map((m) => `${m.from} → ${m.to} (${m.action})`).sort();
    expect(pairs).toEqual(
      [
        'pending_review → in_review (start_review)',
        'in_review → accepted (accept)',
        'validating → accepted (accept)',
        'in_review → rejected (reject)',
        'validating → rejected (reject)',
        'rejected → in_revision (send_to_revision)',
        'needs_answer → in_revision (send_to_revision)',
        'accepted → in_revision (reopen)',
        'in_revision → revising (lease_revision)',
        'revising → in_revision (return_revision)',
        'revising → validating (submit_revision)',
        'duplicate → pending_review (overrule_duplicate)',
        'duplicate → needs_answer (overrule_duplicate_unanswered)',
        'duplicate → accepted (overrule_duplicate_unreviewed)',
      ].sort(),
    );
  });

  it('never moves a reference item, nor anything into pending_review but an overruled duplicate', () => {
    for (const to of ITEM_STATUSES) expect(canMove('reference', to), `reference → ${to}`).toBe(false);
    for (const from of ITEM_STATUSES) expect(canMove(from, 'reference'), `${from} → reference`).toBe(false);
    const intoPending = ITEM_STATUSES.filter((from) => canMove(from, 'pending_review'));
    expect(intoPending).toEqual(['duplicate']);
  });

  it('issue 11 item 5: an accepted item cannot be sent to revision as a plain send, only re-opened', () => {
    expect(refusal(() => checkTransition('send_to_revision', 'lead', { from: 'accepted', itemId: 7 })).code).toBe('wrong_state');
    expect(revisionActionFor('accepted')).toBe('reopen');
    expect(revisionActionFor('rejected')).toBe('send_to_revision');
    expect(revisionActionFor('needs_answer')).toBe('send_to_revision');
    for (const s of ['pending_review', 'in_review', 'in_revision', 'revising', 'validating', 'duplicate', 'reference'] as ItemStatus[]) {
      expect(revisionActionFor(s), s).toBeNull();
    }
  });

  it('issue 11 item 5: re-opening needs a lead or admin, and an explicit confirmation that says why', () => {
    expect(checkTransition('reopen', 'lead', { from: 'accepted', confirmed: true })).toBe('in_revision');
    expect(checkTransition('reopen', 'admin', { from: 'accepted', confirmed: true })).toBe('in_revision');
    for (const role of ['annotator', 'researcher', 'system'] as const) {
      const e = refusal(() => checkTransition('reopen', role, { from: 'accepted', confirmed: true, itemId: 7 }));
      expect(e.code, role).toBe('forbidden');
      expect(e.getStatus()).toBe(403);
      expect(e.message).toMatch(new RegExp(`A ${role} may not reopen item 7: only admin or lead may`));
    }
    const unconfirmed = refusal(() => checkTransition('reopen', 'lead', { from: 'accepted', itemId: 7 }));
    expect(unconfirmed.code).toBe('unconfirmed');
    expect(unconfirmed.getStatus()).toBe(409);
    expect(unconfirmed.message).toMatch(/confirmReopen: true/);
    expect(unconfirmed.message).toMatch(/frozen versions keep their snapshot and the item keeps its split/);
  });

  it('gives each action its roles: reviewers review and revise, leads send and overrule, researchers move nothing', () => {
    const may = (action: ItemAction) => ITEM_TRANSITIONS[action].roles;
    for (const action of ['start_review', 'lease_revision', 'submit_revision'] as const) expect([...may(action)].sort()).toEqual(['annotator', 'lead']);
    for (const action of ['send_to_revision', 'reopen', 'overrule_duplicate', 'overrule_duplicate_unanswered'] as const) expect([...may(action)].sort()).toEqual(['admin', 'lead']);
    for (const action of Object.keys(ITEM_TRANSITIONS) as ItemAction[]) expect(may(action), action).not.toContain('researcher');
    expect(refusal(() => checkTransition('send_to_revision', 'annotator', { from: 'rejected' })).code).toBe('forbidden');
    expect(checkTransition('return_revision', 'system', { from: 'revising' })).toBe('in_revision');
  });

  it('refuses an action on an item in a state it does not apply to, naming both', () => {
    const e = refusal(() => checkTransition('accept', 'annotator', { from: 'accepted', itemId: 12 }));
    expect(e.code).toBe('wrong_state');
    expect(e.getStatus()).toBe(409);
    expect(e.message).toBe('Cannot accept item 12: it is accepted, and this applies only to in_review or validating items');
  });
});
