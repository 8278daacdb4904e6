import { useLocaleState, useRecordContext } from 'react-admin';

export interface AbilityRecord {
  id: number;
  key: string;
  nameEn: string;
  nameZh: string;
  description: string;
}

/** The ability's name in the interface language. */
export const AbilityName = () => {
  const record = useRecordContext<AbilityRecord>();
  const [locale] = useLocaleState();
  if (!record) return null;
  return <>{locale.startsWith('zh') ? record.nameZh : record.nameEn}</>;
};
