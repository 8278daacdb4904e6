import { useEffect, useState } from 'react';
import { post } from '../shared/api';
import type { DistractorCheck, DistractorKind } from '../shared/types';

export const CHECK_DELAY_MS = 400;

export type CheckState = { status: 'idle' } | { status: 'checking'; last: DistractorCheck | null } | { status: 'done'; check: DistractorCheck } | { status: 'failed'; message: string };

/** The server's verdict on `text`, asked once typing pauses; an answer to an older text is dropped. */
export function useDistractorCheck(itemId: number, kind: DistractorKind, text: string): CheckState {
  const [state, setState] = useState<CheckState>({ status: 'idle' });
  useEffect(() => {
    let stale = false;
    setState((s) => ({ status: 'checking', last: s.status === 'done' ? s.check : s.status === 'checking' ? s.last : null }));
    const timer = setTimeout(() => {
      post<DistractorCheck>('/distractors/check', { itemId, kind, text }).then(
        (check) => !stale && check && setState({ status: 'done', check }),
        (e: Error) => !stale && setState({ status: 'failed', message: e.message }),
      );
    }, CHECK_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [itemId, kind, text]);
  return state;
}
