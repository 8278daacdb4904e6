import { MenuItem, Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import type { AbilityRecord } from '../../abilities/AbilityName';
import { useAllAbilities } from '../../abilities/AbilityName';
import { get } from '../shared/api';
import { ROUND_KINDS, type QueueDepth, type RoundKind } from '../shared/types';
import { waiting, type WorkChoice } from './workChoice';

const C = 'pace.workspace.choose';
/** MUI's select cannot hold null: "any" is the empty string. */
const ANY = '';

/**
 * What to review next: a kind of round and an ability, each "any" by default, with how many items wait for each
 * (GET /reviews/queue, asked again whenever a list opens). The server's stage order still decides among what is left.
 */
export const WorkChooser = ({ choice, onChange }: { choice: WorkChoice; onChange: (choice: WorkChoice) => void }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: abilities } = useAllAbilities();
  const { data: depth, refetch } = useQuery({ queryKey: ['workspace', 'queue-depth'], queryFn: () => get<QueueDepth>('/reviews/queue') });
  const count = (kind: RoundKind | null, abilityId: number | null) => (depth ? ` (${waiting(depth, kind, abilityId)})` : '');
  const name = (a: AbilityRecord) => (locale.startsWith('zh') ? a.nameZh : a.nameEn);
  const onOpen = () => void refetch();
  // an ability chosen earlier and since removed would leave the queue empty for good
  const gone = abilities !== undefined && choice.abilityId !== null && !abilities.some((a) => a.id === choice.abilityId);
  useEffect(() => {
    if (gone) onChange({ ...choice, abilityId: null });
  }, [gone, choice, onChange]);
  return (
    <Stack direction="row" spacing={1} role="group" aria-label={translate(`${C}.label`)}>
      <TextField
        select
        size="small"
        label={translate(`${C}.kind`)}
        value={choice.kind ?? ANY}
        onChange={(e) => onChange({ ...choice, kind: (e.target.value || null) as RoundKind | null })}
        slotProps={{ select: { onOpen, displayEmpty: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 170 }}
      >
        <MenuItem value={ANY}>
          {translate(`${C}.any_kind`)}
          {count(null, choice.abilityId)}
        </MenuItem>
        {ROUND_KINDS.map((k) => (
          <MenuItem key={k} value={k}>
            {translate(`${C}.kinds.${k}`)}
            {count(k, choice.abilityId)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={translate(`${C}.ability`)}
        value={abilities?.some((a) => a.id === choice.abilityId) ? choice.abilityId : ANY}
        onChange={(e) => onChange({ ...choice, abilityId: e.target.value === ANY ? null : Number(e.target.value) })}
        slotProps={{ select: { onOpen, displayEmpty: true }, inputLabel: { shrink: true } }}
        sx={{ minWidth: 170 }}
      >
        <MenuItem value={ANY}>
          {translate(`${C}.any_ability`)}
          {count(choice.kind, null)}
        </MenuItem>
        {(abilities ?? []).map((a) => (
          <MenuItem key={a.id} value={a.id}>
            {name(a)}
            {count(choice.kind, a.id)}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
};
