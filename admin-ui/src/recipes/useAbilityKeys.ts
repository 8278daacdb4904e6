import { useCallback, useMemo } from 'react';
import { useLocaleState } from 'react-admin';
import { useAllAbilities } from '../abilities/AbilityName';

/** Every ability's key in key order (recipes name abilities by key), and its name in the interface language. */
export function useAbilityKeys(): { keys: string[] | undefined; nameOf: (key: string) => string } {
  const { data } = useAllAbilities();
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
