import DownloadIcon from '@mui/icons-material/Download';
import { Alert, Autocomplete, Button, Card, CardContent, CardHeader, LinearProgress, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Title, useNotify, usePermissions, useTranslate } from 'react-admin';
import { useSearchParams } from 'react-router';
import { GROWTH_CSV_NAMES, type GrowthCsvName } from '../../../server/growth/growth-views';
import { experimentsApi } from '../experiments/experimentsApi';
import { studiesApi } from '../studies/studiesApi';
import { ForecastTable } from './ForecastTable';
import { GrowthCharts } from './GrowthCharts';
import { GrowthFiltersBar } from './GrowthFiltersBar';
import { filterChoices, initialFilters, type GrowthFilterState } from './growthFilters';
import { growthApi, type GrowthSelection } from './growthApi';
import { HoursPanel, PaceQueueToggle } from './HoursPanel';
import { ProbeSection } from './ProbeSection';
import { RecipeComparisonSection } from './RecipeComparison';
import { RecommendationPanel } from './RecommendationPanel';
import { RunsSection } from './RunsSection';
import { SensitivityTable } from './SensitivityTable';
import { StageOrderSetting } from './StageOrderSetting';
import { useAbilityNames, useGrowthCurves } from './useGrowth';

const G = 'pace.growth';

const Panel = ({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card component="section" aria-label={translate(title)}>
      <CardHeader title={translate(title)} action={action} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>{children}</CardContent>
    </Card>
  );
};

/** The selection in the address: `?studyId=3` or `?experimentIds=a,b`, and `minEpoch`. */
function useSelection() {
  const [params, setParams] = useSearchParams();
  const studyId = Number(params.get('studyId'));
  const experimentIds = (params.get('experimentIds') ?? '').split(',').filter(Boolean);
  const selection: GrowthSelection | null = studyId > 0 ? { studyId } : experimentIds.length ? { experimentIds } : null;
  const minEpoch = params.get('minEpoch') ? Number(params.get('minEpoch')) : undefined;
  const set = (next: { studyId?: number | null; experimentIds?: string[]; minEpoch?: number | null }) => {
    const p = new URLSearchParams(params);
    if (next.studyId !== undefined) (p.delete('experimentIds'), next.studyId ? p.set('studyId', String(next.studyId)) : p.delete('studyId'));
    if (next.experimentIds !== undefined) (p.delete('studyId'), next.experimentIds.length ? p.set('experimentIds', next.experimentIds.join(',')) : p.delete('experimentIds'));
    if (next.minEpoch !== undefined) (next.minEpoch ? p.set('minEpoch', String(next.minEpoch)) : p.delete('minEpoch'));
    setParams(p, { replace: true });
  };
  // one object per address, so queries keyed on it stay put between renders
  const key = JSON.stringify(selection);
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return { selection: useMemo(() => selection, [key]), minEpoch, set };
}

const CsvDownloads = ({ selection }: { selection: GrowthSelection }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const download = (name: GrowthCsvName) =>
    growthApi.downloadCsv(name, selection).catch((err: Error) => notify(`${G}.download_failed`, { type: 'error', messageArgs: { message: err.message } }));
  return (
    <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
      {GROWTH_CSV_NAMES.map((name) => (
        <Button key={name} size="small" startIcon={<DownloadIcon />} onClick={() => void download(name)}>
          {translate(`${G}.csv.${name}`)}
        </Button>
      ))}
    </Stack>
  );
};

/** Which runs: a study, or experiments picked one by one; and the best-checkpoint rule's first epoch. */
const SelectionBar = ({ selection, minEpoch, set }: ReturnType<typeof useSelection>) => {
  const translate = useTranslate();
  const studies = useQuery({ queryKey: ['studies', 'list'], queryFn: studiesApi.list, retry: false });
  const experiments = useQuery({ queryKey: ['experiments', 'list', {}], queryFn: () => experimentsApi.list() });
  const picked = selection && 'experimentIds' in selection ? selection.experimentIds : [];
  const [epoch, setEpoch] = useState(minEpoch === undefined ? '' : String(minEpoch));
  const epochValid = epoch === '' || /^\d+$/.test(epoch);
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} role="group" aria-label={translate(`${G}.selection`)}>
      <TextField
        select
        size="small"
        sx={{ minWidth: 240 }}
        label={translate(`${G}.study`)}
        // a study id from the address shows once the list that names it has loaded
        value={selection && 'studyId' in selection && studies.data?.some((s) => s.id === selection.studyId) ? String(selection.studyId) : ''}
        onChange={(e) => set({ studyId: Number(e.target.value) || null })}
        helperText={studies.error ? translate(`${G}.studies_unavailable`) : undefined}
      >
        <MenuItem value="">{translate(`${G}.no_study`)}</MenuItem>
        {(studies.data ?? []).map((s) => (
          <MenuItem key={s.id} value={String(s.id)}>
            {s.name}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        multiple
        limitTags={3}
        size="small"
        sx={{ minWidth: 360, flex: 1 }}
        options={(experiments.data ?? []).map((e) => e.id)}
        getOptionLabel={(id) => experiments.data?.find((e) => e.id === id)?.name ?? id}
        value={[...picked]}
        onChange={(_e, ids) => set({ experimentIds: ids })}
        renderInput={(params) => <TextField {...params} label={translate(`${G}.experiments`)} />}
      />
      <TextField
        size="small"
        sx={{ maxWidth: 180 }}
        label={translate(`${G}.min_epoch`)}
        value={epoch}
        onChange={(e) => setEpoch(e.target.value)}
        onBlur={() => epochValid && set({ minEpoch: epoch === '' ? null : Number(epoch) })}
        error={!epochValid}
        helperText={epochValid ? translate(`${G}.min_epoch_help`) : translate(`${G}.min_epoch_invalid`)}
      />
    </Stack>
  );
};

/**
 * The growth-curve page (issue 13 items 2–7): for a study or a set of experiments, each ability's score at its best
 * checkpoint against training volume (the server's chart spec, drawn by ECharts), the scaling fits and their classes,
 * the probe scatters, the forecasts and their accuracy, the recommended split of the next budget, and for leads the
 * worth of the next annotation hours and the pace-guided queue.
 */
export const GrowthPage = () => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const selectionState = useSelection();
  const { selection, minEpoch } = selectionState;
  const abilityNames = useAbilityNames();
  const curves = useGrowthCurves(selection, minEpoch);
  const [filters, setFilters] = useState<GrowthFilterState | null>(null);
  const selectionKey = JSON.stringify(selection);
  useEffect(() => setFilters(null), [selectionKey]);
  useEffect(() => {
    if (curves.data && !filters) setFilters(initialFilters(curves.data));
  }, [curves.data, filters]);
  const isLead = permissions === 'lead' || permissions === 'admin';
  const canApply = permissions === 'researcher' || permissions === 'admin';
  const studyId = selection && 'studyId' in selection ? selection.studyId : null;

  return (
    <Stack spacing={2} sx={{ mt: 2, mb: 2 }}>
      <Title title={`pace.page.growth-curves.title`} />
      <Typography variant="h5" component="h1">
        {translate('pace.page.growth-curves.title')}
      </Typography>
      <SelectionBar {...selectionState} />
      {!selection && <Alert severity="info">{translate(`${G}.choose`)}</Alert>}
      {selection && curves.error && <Alert severity="error">{translate(`${G}.load_failed`, { message: curves.error.message })}</Alert>}
      {selection && curves.isPending && <LinearProgress />}
      {selection && curves.data && filters && (
        <>
          <Panel title={`${G}.curves_title`} action={<CsvDownloads selection={selection} />}>
            <Stack spacing={2}>
              {curves.data.pending.length > 0 && <Typography color="text.secondary">{translate(`${G}.pending`, { smart_count: curves.data.pending.length })}</Typography>}
              <GrowthFiltersBar curves={curves.data} state={filters} onChange={setFilters} abilityNames={abilityNames} />
              <GrowthCharts curves={curves.data} state={filters} selection={selection} abilityNames={abilityNames} />
            </Stack>
          </Panel>
          <Panel title={`${G}.sensitivity.title`}>
            <SensitivityTable sensitivities={curves.data.sensitivities} abilityNames={abilityNames} />
          </Panel>
          <Panel title={`${G}.runs.title`}>
            <RunsSection curves={curves.data} abilityNames={abilityNames} selection={selection} />
          </Panel>
          {studyId !== null && (
            <Panel title={`${G}.probe.title`}>
              <ProbeSection studyId={studyId} abilityNames={abilityNames} />
            </Panel>
          )}
          <Panel title={`${G}.compare.title`}>
            <RecipeComparisonSection selection={selection} />
          </Panel>
          <Panel title={`${G}.forecasts.title`}>
            <ForecastTable selection={selection} abilityNames={abilityNames} />
          </Panel>
          <Panel title={`${G}.recommend.title`}>
            <RecommendationPanel selection={selection} abilityNames={abilityNames} canApply={canApply} sizes={filterChoices(curves.data).sizes} sources={filterChoices(curves.data).sources} />
          </Panel>
        </>
      )}
      <Panel title={`${G}.hours.title`}>
        <HoursPanel studyId={studyId} abilityNames={abilityNames} />
      </Panel>
      {isLead && (
        <Panel title={`${G}.stage_order.title`}>
          <StageOrderSetting />
        </Panel>
      )}
      {isLead && (
        <Panel title={`${G}.hours.pace_queue_title`}>
          <PaceQueueToggle abilityNames={abilityNames} />
        </Panel>
      )}
    </Stack>
  );
};
