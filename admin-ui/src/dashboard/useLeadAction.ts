import { useState } from 'react';
import { useNotify } from 'react-admin';

/** Runs a lead's action: one at a time, its outcome notified, then `after` (a refetch) on success. */
export function useLeadAction() {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  async function run<T>(action: () => Promise<T>, success: (result: T) => [string, Record<string, unknown>?], after?: () => void) {
    setBusy(true);
    try {
      const result = await action();
      const [message, args] = success(result);
      notify(message, { type: 'success', messageArgs: args });
      after?.();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  }
  return { busy, run };
}
