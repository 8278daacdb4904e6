import { useEffect, useRef, useState } from 'react';

const secondsUntil = (iso: string) => Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 1000));

/** Whole seconds left until `expiresAt`, ticking once a second; `onExpired` runs once when it reaches zero. */
export function useCountdown(expiresAt: string | null, onExpired?: () => void): number | null {
  const [left, setLeft] = useState(() => (expiresAt ? secondsUntil(expiresAt) : null));
  const expired = useRef(onExpired);
  expired.current = onExpired;
  useEffect(() => {
    if (!expiresAt) {
      setLeft(null);
      return;
    }
    let fired = false;
    const tick = () => {
      const s = secondsUntil(expiresAt);
      setLeft(s);
      if (s === 0 && !fired) {
        fired = true;
        expired.current?.();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [expiresAt]);
  return left;
}

export function formatSeconds(s: number): string {
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
