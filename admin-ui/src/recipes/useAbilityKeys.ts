import { useCallback, useMemo } from 'react';
import { useGetList, useLocaleState } from 'react-admin';
import type { AbilityRecord } from '../abilities/AbilityName';

/** Every ability's key in key order (recipes name abilities by key), and its name in the interface language. */
export function useAbilityKeys(): { keys: string[] | undefined; nameOf: (key: string) => string } {
  const { data } = useGetList<AbilityRecord>('abilities', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'id', order: 'ASC' } });
  const [locale] = useLocaleState();
  const keys = useMemo(() => data?.map((a) => a.key).sort(), [data]);
  const nameOf = useCallback(
    (key: string) => {
      const ability = data?.find((a) => a.key === key);
      if (!ability) return key;
      return locale.startsWith('zh') ? ability.nameZh : ability.nameEn;
    },
    [data, locale],
  );
  return { keys, nameOf };
}
