import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { ReviewQueue, type QueueState } from './reviewQueue';
import { nextFilter, type WorkChoice } from './workChoice';

const IDLE: QueueState = { phase: 'loading', current: null, ahead: null, message: null, error: null, unsaved: [] };
const noQueue = () => () => undefined;

/**
 * A ReviewQueue for the mounted screen and the work chosen: started on mount, its leases handed back when the screen
 * is left or another kind of work is chosen (a new queue then starts for that).
 */
export function useReviewQueue(onSaved: () => void, choice: WorkChoice): { queue: ReviewQueue | null; state: QueueState } {
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  const { kind, abilityId } = choice;
  // the previous queue's leases, handed back before the next queue asks: else `next` could answer a lease held for
  // the old choice that its release then takes away
  const released = useRef<Promise<void>>(Promise.resolve());
  useEffect(() => {
    // created here rather than in render, so StrictMode's mount-unmount-mount disposes the first one cleanly
    const q = new ReviewQueue(nextFilter({ kind, abilityId }), onSaved);
    setQueue(q);
    void released.current.then(() => q.start());
    const unload = () => q.releaseAhead();
    window.addEventListener('pagehide', unload);
    return () => {
      window.removeEventListener('pagehide', unload);
      released.current = q.dispose();
    };
  }, [onSaved, kind, abilityId]);
  const state = useSyncExternalStore(queue?.subscribe ?? noQueue, queue?.getState ?? (() => IDLE));
  return { queue, state };
}
