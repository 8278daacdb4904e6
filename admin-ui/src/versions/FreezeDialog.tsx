import {
  Alert,
  Autocomplete,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useGetList, useLocaleState, useNotify, useTranslate } from 'react-admin';
import type { AbilityRecord } from '../abilities/AbilityName';
import type { SourceRecord } from '../sources/sourceRecord';
import { RESOURCE } from './liveVersions';
import { versionsApi, type FreezeRequest } from './versionsApi';
import type { VersionRecord } from './versionTypes';

const F = 'pace.versions.freeze';

interface Option {
  id: string;
  label: string;
}

/** Name, parent, notes, filters, split sizes, seed and n-gram length of a new version. */
export const FreezeDialog = ({ versions, onClose, onFrozen }: { versions: VersionRecord[]; onClose: () => void; onFrozen: (v: VersionRecord) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [locale] = useLocaleState();
  const queryClient = useQueryClient();
  const frozen = versions.filter((v) => v.status === 'frozen');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<number | ''>(frozen[0]?.id ?? '');
  const [notes, setNotes] = useState('');
  const [abilities, setAbilities] = useState<Option[]>([]);
  const [sources, setSources] = useState<Option[]>([]);
  const [acceptedFrom, setAcceptedFrom] = useState('');
  const [acceptedTo, setAcceptedTo] = useState('');
  const [valid, setValid] = useState('100');
  const [test, setTest] = useState('100');
  const [seed, setSeed] = useState('pace');
  const [ngram, setNgram] = useState('13');
  const abilityList = useGetList<AbilityRecord>('abilities', { pagination: { page: 1, perPage: 500 } });
  const sourceList = useGetList<SourceRecord>('sources', { pagination: { page: 1, perPage: 500 } });
  const abilityOptions = (abilityList.data ?? []).map((a) => ({ id: a.key, label: `${locale.startsWith('zh') ? a.nameZh : a.nameEn} (${a.key})` }));
  const sourceOptions = (sourceList.data ?? []).filter((s) => s.kind !== 'benchmark').map((s) => ({ id: s.id, label: s.name }));

  const { mutate, isPending, error } = useMutation({
    mutationFn: (body: FreezeRequest) => versionsApi.freeze(body),
    onSuccess: (v) => {
      void queryClient.invalidateQueries({ queryKey: [RESOURCE] });
      notify(translate(`${F}.started`, { name: v.name }), { type: 'info' });
      onClose();
      onFrozen(v);
    },
  });
  const submit = () =>
    mutate({
      name: name.trim(),
      ...(parentId === '' ? {} : { parentId }),
      notes,
      filter: {
        ...(abilities.length ? { abilities: abilities.map((a) => a.id) } : {}),
        ...(sources.length ? { sourceIds: sources.map((s) => s.id) } : {}),
        ...(acceptedFrom ? { acceptedFrom: new Date(acceptedFrom).toISOString() } : {}),
        ...(acceptedTo ? { acceptedTo: new Date(acceptedTo).toISOString() } : {}),
      },
      splits: { valid: Number(valid), test: Number(test) },
      seed,
      ngram: Number(ngram),
    });
  const number = (label: string, value: string, set: (v: string) => void) => (
    <TextField label={translate(label)} type="number" value={value} onChange={(e) => set(e.target.value)} slotProps={{ htmlInput: { min: 0 } }} fullWidth />
  );

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate(`${F}.title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          {error && <Alert severity="error">{(error as Error).message}</Alert>}
          <TextField label={translate(`${F}.name`)} helperText={translate(`${F}.name_help`)} value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
          <TextField select label={translate(`${F}.parent`)} value={parentId} onChange={(e) => setParentId(e.target.value === '' ? '' : Number(e.target.value))}>
            <MenuItem value="">{translate(`${F}.no_parent`)}</MenuItem>
            {frozen.map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {v.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField label={translate(`${F}.notes`)} value={notes} onChange={(e) => setNotes(e.target.value)} multiline minRows={2} />
          <Autocomplete multiple options={abilityOptions} value={abilities} onChange={(_, v) => setAbilities(v)} isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => <TextField {...params} label={translate(`${F}.abilities`)} />} />
          <Autocomplete multiple options={sourceOptions} value={sources} onChange={(_, v) => setSources(v)} isOptionEqualToValue={(a, b) => a.id === b.id}
            renderInput={(params) => <TextField {...params} label={translate(`${F}.sources`)} />} />
          <Stack direction="row" spacing={2}>
            <TextField label={translate(`${F}.accepted_from`)} type="date" value={acceptedFrom} onChange={(e) => setAcceptedFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} fullWidth />
            <TextField label={translate(`${F}.accepted_to`)} type="date" value={acceptedTo} onChange={(e) => setAcceptedTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} fullWidth />
          </Stack>
          <Stack direction="row" spacing={2}>
            {number(`${F}.valid`, valid, setValid)}
            {number(`${F}.test`, test, setTest)}
          </Stack>
          <Typography variant="caption" color="text.secondary">
            {translate(`${F}.splits_help`)}
          </Typography>
          <Stack direction="row" spacing={2}>
            <TextField label={translate(`${F}.seed`)} value={seed} onChange={(e) => setSeed(e.target.value)} fullWidth />
            {number(`${F}.ngram`, ngram, setNgram)}
          </Stack>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(`${F}.cancel`)}</Button>
        <Button variant="contained" onClick={submit} disabled={isPending || name.trim() === ''}>
          {translate(`${F}.submit`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
