import type { AbilityView } from '../../../server/abilities/ability-views';
import type { Wire } from '../../../server/common/wire';
import { useGetList, useLocaleState, useRecordContext } from 'react-admin';

/** GET /api/abilities rows as they arrive over JSON: the server's view type. */
export type AbilityRecord = Wire<AbilityView>;

/** The ability's name in the interface language. */
export const AbilityName = () => {
  const record = useRecordContext<AbilityRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <>{locale.startsWith('zh') ? record.nameZh : record.nameEn}</>;
};

/**
 * Every ability, for the screens that name them: a short list that changes rarely, read once and reused for five
 * minutes by every screen that asks (a create or edit of an ability refreshes it sooner).
 */
export function useAllAbilities() {
  return useGetList<AbilityRecord>('abilities', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' } }, { staleTime: 5 * 60_000 });
}
