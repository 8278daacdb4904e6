import type { AbilityView } from '../../../server/abilities/ability-views';
import type { Wire } from '../../../server/common/wire';
import { useLocaleState, useRecordContext } from 'react-admin';

/** GET /api/abilities rows as they arrive over JSON: the server's view type. */
export type AbilityRecord = Wire<AbilityView>;

/** The ability's name in the interface language. */
export const AbilityName = () => {
  const record = useRecordContext<AbilityRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <>{locale.startsWith('zh') ? record.nameZh : record.nameEn}</>;
};
