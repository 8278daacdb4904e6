import { Chip } from '@mui/material';
import { useLocaleState } from 'react-admin';
import type { AbilityRef } from './types';

/** The ability in the interface language. */
export const AbilityLabel = ({ ability }: { ability: AbilityRef }) => {
  const [locale] = useLocaleState();
  return <Chip size="small" color="primary" label={locale.startsWith('zh') ? ability.nameZh : ability.nameEn} />;
};
