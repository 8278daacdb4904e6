import { Button, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router';
import type { ExperimentFilter } from './experimentsApi';
import { EXPERIMENT_STATUSES, type ExperimentStatus } from './experimentTypes';
import { useBaseModels, useFrozenVersions } from './useExperimentChoices';

const F = 'pace.experiments.filters';
const ALL = '';
/** An unset filter reads "All" rather than an empty box. */
const SHOW_ALL = { select: { displayEmpty: true }, inputLabel: { shrink: true } };

const positiveInt = (s: string | null) => (s && /^\d+$/.test(s) && Number(s) > 0 ? Number(s) : undefined);

/** The list's filter, kept in the address (`?status=running&versionId=2&baseModelId=1`) so a filtered list can be shared. */
export function useExperimentFilter(): [ExperimentFilter, (patch: Partial<Record<keyof ExperimentFilter, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const filter: ExperimentFilter = {
    ...(status && (EXPERIMENT_STATUSES as readonly string[]).includes(status) ? { status: status as ExperimentStatus } : {}),
    ...(positiveInt(params.get('versionId')) ? { versionId: positiveInt(params.get('versionId')) } : {}),
    ...(positiveInt(params.get('baseModelId')) ? { baseModelId: positiveInt(params.get('baseModelId')) } : {}),
  };
  const update = (patch: Partial<Record<keyof ExperimentFilter, string>>) =>
    setParams(
      (now) => {
        const next = new URLSearchParams(now);
        for (const [k, v] of Object.entries(patch)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  return [filter, update];
}

/** Status, dataset version and base model selects over the experiments list. */
export const ExperimentFilters = ({ filter, onChange }: { filter: ExperimentFilter; onChange: ReturnType<typeof useExperimentFilter>[1] }) => {
  const translate = useTranslate();
  const versions = useFrozenVersions();
  const baseModels = useBaseModels();
  const any = filter.status !== undefined || filter.versionId !== undefined || filter.baseModelId !== undefined;
  const select = (key: keyof ExperimentFilter, value: string | number | undefined, options: Array<{ value: string; label: string }>) => (
    <TextField
      select
      size="small"
      sx={{ minWidth: 180 }}
      label={translate(`${F}.${key}`)}
      value={value === undefined ? ALL : String(value)}
      onChange={(e) => onChange({ [key]: e.target.value })}
      slotProps={SHOW_ALL}
    >
      <MenuItem value={ALL}>{translate(`${F}.all`)}</MenuItem>
      {options.map((o) => (
        <MenuItem key={o.value} value={o.value}>
          {o.label}
        </MenuItem>
      ))}
    </TextField>
  );
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems={{ md: 'center' }} sx={{ mb: 2 }} role="search" aria-label={translate(`${F}.title`)}>
      {select(
        'status',
        filter.status,
        EXPERIMENT_STATUSES.map((s) => ({ value: s, label: translate(`pace.experiments.status.${s}`) })),
      )}
      {select(
        'versionId',
        filter.versionId,
        (versions.data ?? []).map((v) => ({ value: String(v.id), label: v.name })),
      )}
      {select(
        'baseModelId',
        filter.baseModelId,
        (baseModels.data ?? []).map((m) => ({ value: String(m.id), label: m.name })),
      )}
      {any && (
        <Button size="small" onClick={() => onChange({ status: '', versionId: '', baseModelId: '' })}>
          {translate(`${F}.clear`)}
        </Button>
      )}
    </Stack>
  );
};
