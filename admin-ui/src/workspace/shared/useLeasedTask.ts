import { useCallback, useEffect, useRef, useState } from 'react';
import { post, releaseOnExit } from './api';

export type TaskState<T> =
  | { phase: 'loading' }
  | { phase: 'empty' }
  | { phase: 'active'; task: T }
  | { phase: 'lost'; message: string }
  | { phase: 'error'; error: Error };

export interface LeasedTask<T> {
  state: TaskState<T>;
  /** Asks the queue for work. */
  fetchNext: () => Promise<void>;
  /** Hands the lease back and asks for other work. */
  skip: () => Promise<void>;
  /** The lease is gone (410, or its time ran out): say so until the user asks for more. */
  lose: (message: string) => void;
}

/**
 * One lease at a time from a work queue (revisions, distractor tasks): 204 is an empty queue, and the lease
 * held is handed back when the screen is left. `next` must keep its identity across renders.
 */
export function useLeasedTask<T>(next: () => Promise<T | null>, releasePath: (task: T) => string): LeasedTask<T> {
  const [state, setState] = useState<TaskState<T>>({ phase: 'loading' });
  const held = useRef<T | null>(null);
  const pathOf = useRef(releasePath);
  pathOf.current = releasePath;

  const show = useCallback((s: TaskState<T>) => {
    held.current = s.phase === 'active' ? s.task : null;
    setState(s);
  }, []);

  const fetchNext = useCallback(async () => {
    show({ phase: 'loading' });
    try {
      const task = await next();
      show(task ? { phase: 'active', task } : { phase: 'empty' });
    } catch (e) {
      show({ phase: 'error', error: e as Error });
    }
  }, [next, show]);

  const skip = useCallback(async () => {
    const task = held.current;
    show({ phase: 'loading' });
    // a release that fails changes nothing for the user: the lease runs out on its own
    if (task) await post(pathOf.current(task)).catch(() => undefined);
    await fetchNext();
  }, [fetchNext, show]);

  const lose = useCallback((message: string) => show({ phase: 'lost', message }), [show]);

  useEffect(() => {
    void fetchNext();
  }, [fetchNext]);

  // Leaving the screen hands the lease back; a reload does not (the lease is still held, so `next` returns it).
  useEffect(
    () => () => {
      if (held.current) void releaseOnExit(pathOf.current(held.current));
      held.current = null;
    },
    [],
  );

  return { state, fetchNext, skip, lose };
}
