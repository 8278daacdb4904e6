import { Alert, Box, Button, Stack } from '@mui/material';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslate } from 'react-admin';
import { EmptyQueue } from '../shared/EmptyQueue';
import { LeaseLostBanner } from '../shared/LeaseLostBanner';
import { LoadFailed } from '../shared/LoadFailed';
import { LoadingWork } from '../shared/LoadingWork';
import { REASON_CODES, type ReasonCode } from '../shared/types';
import { useShortcuts } from '../shared/useShortcuts';
import { DecisionBar } from './DecisionBar';
import { RejectPanel, type RejectDraft } from './RejectPanel';
import { ReviewHeader } from './ReviewHeader';
import { ReviewItem } from './ReviewItem';
import { ShortcutHelp } from './ShortcutHelp';
import { UnsavedDecisions } from './UnsavedDecisions';
import { useReviewQueue } from './useReviewQueue';
import { useTodayTally } from './useTodayTally';
import { ANY_WORK, loadWorkChoice, saveWorkChoice, type WorkChoice } from './workChoice';

const SCROLL_STEP_PX = 160;
const NO_DRAFT: RejectDraft = { reasons: [], comment: '', problem: null };

/** Filtering, validation and distractor review from the keyboard: A, R + 1–9 + Enter, J/K, ?, Esc. */
export const ReviewScreen = () => {
  const translate = useTranslate();
  const { tally, refresh } = useTodayTally();
  const [choice, setChoice] = useState<WorkChoice>(loadWorkChoice);
  const choose = useCallback((c: WorkChoice) => {
    saveWorkChoice(c);
    setChoice(c);
  }, []);
  const { queue, state } = useReviewQueue(refresh, choice);
  const narrowed = choice.kind !== null || choice.abilityId !== null;
  const [draft, setDraft] = useState<RejectDraft | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);
  const commentRef = useRef<HTMLInputElement>(null);
  const current = state.phase === 'active' ? state.current : null;

  useEffect(() => setDraft(null), [current?.lease.id]);

  const approve = () => queue?.decide({ decision: 'approve', reasons: [], comment: '' });

  const toggle = (reason: ReasonCode) => {
    const base = draft ?? NO_DRAFT;
    const reasons = base.reasons.includes(reason) ? base.reasons.filter((r) => r !== reason) : [...base.reasons, reason];
    setDraft({ ...base, reasons, problem: null });
    // "other" is explained in words: the comment field takes the next keys
    if (reason === 'other' && reasons.includes('other')) setTimeout(() => commentRef.current?.focus());
  };

  const submitReject = () => {
    if (!draft) return;
    if (draft.reasons.length === 0) return setDraft({ ...draft, problem: 'reasons_required' });
    if (draft.reasons.includes('other') && !draft.comment.trim()) {
      setDraft({ ...draft, problem: 'comment_required' });
      commentRef.current?.focus();
      return;
    }
    // cleared in the same render that shows the next item, not one render later
    setDraft(null);
    queue?.decide({ decision: 'reject', reasons: draft.reasons, comment: draft.comment });
  };

  const onExpired = useCallback(() => {
    if (current) queue?.expire(translate('pace.workspace.lease.expired', { id: current.item.id }));
  }, [queue, current, translate]);

  const scroll = (down: boolean) => scrollRef.current?.scrollBy({ top: down ? SCROLL_STEP_PX : -SCROLL_STEP_PX, behavior: 'smooth' });

  useShortcuts((key) => {
    if (helpOpen) {
      if (key === 'Escape' || key === '?') setHelpOpen(false);
      return true;
    }
    if (key === '?') setHelpOpen(true);
    else if (!current) return false;
    else if (key === 'j' || key === 'k') scroll(key === 'j');
    else if (draft) {
      const reason = /^[1-9]$/.test(key) ? REASON_CODES[Number(key) - 1] : undefined;
      if (key === 'Escape') setDraft(null);
      else if (key === 'Enter') submitReject();
      else if (reason) toggle(reason);
      else return false;
    } else if (key === 'a') approve();
    else if (key === 'r') setDraft(NO_DRAFT);
    else return false;
    return true;
  });

  return (
    <Stack spacing={2}>
      <ReviewHeader
        lease={current}
        tally={tally}
        choice={choice}
        onChoose={choose}
        onExpired={onExpired}
        onSkip={() => queue?.skip()}
        onHelp={() => setHelpOpen(true)}
      />
      {queue && <UnsavedDecisions unsaved={state.unsaved} onDismiss={(id) => queue.dismiss(id)} />}
      {state.phase === 'loading' && <LoadingWork />}
      {state.phase === 'empty' && narrowed && (
        <Alert
          severity="info"
          action={
            <Button color="inherit" size="small" onClick={() => choose(ANY_WORK)}>
              {translate('pace.workspace.choose.show_all')}
            </Button>
          }
        >
          {translate('pace.workspace.choose.empty_narrowed')}
        </Alert>
      )}
      {state.phase === 'empty' && <EmptyQueue onRetry={() => queue?.fetchNext()} />}
      {state.error && <LoadFailed error={state.error} onRetry={() => queue?.fetchNext()} />}
      {state.phase === 'lost' && <LeaseLostBanner message={state.message ?? ''} onNext={() => queue?.fetchNext()} />}
      {/* the item fetched ahead is already drawn, hidden: deciding only swaps which one shows */}
      {[current, state.ahead].map(
        (lease) =>
          lease && (
            <Box key={lease.lease.id} hidden={lease !== current}>
              <ReviewItem lease={lease} scrollRef={lease === current ? scrollRef : undefined} />
            </Box>
          ),
      )}
      {current && (
        <>
          {draft ? (
            <RejectPanel
              draft={draft}
              commentRef={commentRef}
              onToggle={toggle}
              onComment={(comment) => setDraft({ ...draft, comment, problem: null })}
              onSubmit={submitReject}
              onCancel={() => setDraft(null)}
            />
          ) : (
            <DecisionBar onApprove={approve} onReject={() => setDraft(NO_DRAFT)} />
          )}
        </>
      )}
      <ShortcutHelp open={helpOpen} onClose={() => setHelpOpen(false)} />
    </Stack>
  );
};
