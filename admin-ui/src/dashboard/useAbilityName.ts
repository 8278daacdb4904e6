import { useCallback } from 'react';
import { useLocaleState } from 'react-admin';
import { useAllAbilities } from '../abilities/AbilityName';

/** Names abilities in the interface language; falls back to the key the statistics carry. */
export function useAbilityName(): (id: number | string, key: string) => string {
  const { data } = useAllAbilities();
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
