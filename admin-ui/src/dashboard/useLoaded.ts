import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Prefetched } from './prefetch';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  reload: () => void;
  /** Replaces the data with a pushed payload. */
  set: (data: T) => void;
}

/**
 * Loads on mount and on `reload`; an answer that arrives after a newer one (or after a pushed payload) is dropped.
 * With `after: false` the first load waits until `after` turns true (reload and set work meanwhile). `first` may hand
 * over a read already started (or undefined to read as usual): its value, when in, is the first render's data and
 * no first load is made; else its promise is the first load, and if it fails the load is made as usual.
 */
export function useLoaded<T>(load: () => Promise<T>, opts: { after?: boolean; first?: () => Prefetched<T> | undefined } = {}): Loaded<T> {
  const after = opts.after ?? true;
  // a read already under way (the dashboard's prefetch): its value when it has come, drawn in the first render
  const [first] = useState(() => opts.first?.());
  const firstRef = useRef(first?.value === undefined ? first?.promise : undefined);
  const [data, setData] = useState<T | undefined>(first?.value);
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    const underWay = firstRef.current;
    firstRef.current = undefined;
    // a prefetch that failed (see prefetch.ts: it never refreshes a token) is made again the usual way
    (underWay ? underWay.catch(() => loadRef.current()) : loadRef.current()).then(
      (d) => {
        if (ticket !== latest.current) return;
        setData(d);
        setError(null);
      },
      (e: Error) => ticket === latest.current && setError(e),
    );
  }, []);

  const set = useCallback((d: T) => {
    latest.current++;
    setData(d);
    setError(null);
  }, []);

  const started = useRef(first?.value !== undefined);
  useEffect(() => {
    if (!after || started.current) return;
    started.current = true;
    reload();
  }, [reload, after]);
  // the same object while nothing changed, so a memoised card re-renders only when its own data does
  return useMemo(() => ({ data, error, reload, set }), [data, error, reload, set]);
}

/**
 * A stable function that runs `run` `ms` after the first of a burst of calls; calls while it waits join that run.
 * Unlike a debounce that restarts on each call, a steady stream of events still refreshes every `ms`.
 */
export function useCoalesced(run: () => void, ms: number): () => void {
  const runRef = useRef(run);
  runRef.current = run;
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  return useCallback(() => {
    if (timer.current !== undefined) return;
    timer.current = setTimeout(() => {
      timer.current = undefined;
      runRef.current();
    }, ms);
  }, [ms]);
}
