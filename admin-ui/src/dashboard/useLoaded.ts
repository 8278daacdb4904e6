import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

export interface Loaded<T> {
  data: T | undefined;
  error: Error | null;
  reload: () => void;
  /** Replaces the data with a pushed payload. */
  set: (data: T) => void;
}

/**
 * Loads on mount and on `reload`; an answer that arrives after a newer one (or after a pushed payload) is dropped.
 * With `after: false` the first load waits until `after` turns true (reload and set work meanwhile). `first` may hand the
 * first load a read already started (or undefined to read as usual).
 */
export function useLoaded<T>(load: () => Promise<T>, opts: { after?: boolean; first?: () => Promise<T> | undefined } = {}): Loaded<T> {
  const after = opts.after ?? true;
  const firstRef = useRef(opts.first);
  const [data, setData] = useState<T>();
  const [error, setError] = useState<Error | null>(null);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(() => {
    const ticket = ++latest.current;
    // the first load may take a read already under way (`first`: the dashboard's prefetch)
    const started = firstRef.current?.();
    firstRef.current = undefined;
    (started ?? loadRef.current()).then(
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

  const started = useRef(false);
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
