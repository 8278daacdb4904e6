import { useCallback } from 'react';
import { useGetList, useLocaleState } from 'react-admin';
import type { AbilityRecord } from '../abilities/AbilityName';

/** Names abilities in the interface language; falls back to the key the statistics carry. */
export function useAbilityName(): (id: number | string, key: string) => string {
  const { data } = useGetList<AbilityRecord>('abilities', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' } });
  const [locale] = useLocaleState();
  return useCallback(
    (id, key) => {
      const ability = data?.find((a) => String(a.id) === String(id));
      if (!ability) return key;
      return locale.startsWith('zh') ? ability.nameZh : ability.nameEn;
    },
    [data, locale],
  );
}
