import type { ReactNode } from 'react';
import { EmptyQueue } from './EmptyQueue';
import { LeaseLostBanner } from './LeaseLostBanner';
import { LoadFailed } from './LoadFailed';
import { LoadingWork } from './LoadingWork';
import type { LeasedTask } from './useLeasedTask';

/** What a one-lease-at-a-time screen shows before and after its task: loading, an empty queue, a failure, a lost lease. */
export function LeasedTaskView<T>({ leased, children }: { leased: LeasedTask<T>; children: (task: T) => ReactNode }) {
  const { state, fetchNext } = leased;
  if (state.phase === 'loading') return <LoadingWork />;
  if (state.phase === 'empty') return <EmptyQueue onRetry={fetchNext} />;
  if (state.phase === 'error') return <LoadFailed error={state.error} onRetry={fetchNext} />;
  if (state.phase === 'lost') return <LeaseLostBanner message={state.message} onNext={fetchNext} />;
  return children(state.task);
}
