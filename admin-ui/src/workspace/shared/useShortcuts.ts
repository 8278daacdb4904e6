import { useEffect, useRef } from 'react';

/** Keys typed into a field belong to the field. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
}

/**
 * Calls `onKey` with the lower-cased key for keydowns outside text fields (Escape everywhere), without
 * modifiers and without auto-repeat, so a held key decides one item, not a run of them. Return true when handled.
 */
export function useShortcuts(onKey: (key: string, event: KeyboardEvent) => boolean | void, enabled = true): void {
  const latest = useRef(onKey);
  latest.current = onKey;
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || e.isComposing) return;
      if (e.key !== 'Escape' && isTypingTarget(e.target)) return;
      if (latest.current(e.key.length === 1 ? e.key.toLowerCase() : e.key, e)) e.preventDefault();
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
