import { useEffect, useState, useSyncExternalStore } from 'react';
import { ReviewQueue, type QueueState } from './reviewQueue';

const IDLE: QueueState = { phase: 'loading', current: null, ahead: null, message: null, error: null, unsaved: [] };
const noQueue = () => () => undefined;

/** A ReviewQueue for the mounted screen: started on mount, its leases handed back when the screen is left. */
export function useReviewQueue(onSaved: () => void): { queue: ReviewQueue | null; state: QueueState } {
  const [queue, setQueue] = useState<ReviewQueue | null>(null);
  useEffect(() => {
    // created here rather than in render, so StrictMode's mount-unmount-mount disposes the first one cleanly
    const q = new ReviewQueue({}, onSaved);
    setQueue(q);
    q.start();
    const unload = () => q.releaseAhead();
    window.addEventListener('pagehide', unload);
    return () => {
      window.removeEventListener('pagehide', unload);
      q.dispose();
    };
  }, [onSaved]);
  const state = useSyncExternalStore(queue?.subscribe ?? noQueue, queue?.getState ?? (() => IDLE));
  return { queue, state };
}
