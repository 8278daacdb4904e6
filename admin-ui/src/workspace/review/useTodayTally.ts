import { useCallback, useEffect, useState } from 'react';
import { useGetIdentity } from 'react-admin';
import { useLiveEvent } from '../../realtime/socket';
import { get } from '../shared/api';
import type { Tally } from '../shared/types';

/** Today's reviews: read once, then as the server pushes `work.changed` to the user's room, or on `refresh`. */
export function useTodayTally(): { tally: Tally | null; refresh: () => void } {
  const { identity } = useGetIdentity();
  const [tally, setTally] = useState<Tally | null>(null);
  const refresh = useCallback(() => {
    get<Tally>('/reviews/mine').then(setTally, () => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  useLiveEvent<Tally>(identity ? `user:${identity.id}` : null, 'work.changed', setTally);
  return { tally, refresh };
}
