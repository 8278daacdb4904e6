import ShowChartIcon from '@mui/icons-material/ShowChart';
import { Alert, Autocomplete, Button, Card, CardContent, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, usePermissions, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { useFormats } from '../experiments/format';
import { useBaseModels, useRecipeNames } from '../experiments/useExperimentChoices';
import { useAbilityNames } from '../growth/useGrowth';
import { studiesApi } from './studiesApi';
import { useApplyStudy, useStudy } from './liveStudies';
import { StudyProgressBar } from './StudyProgressBar';

const S = 'pace.studies';
const FINAL = new Set(['completed', 'failed', 'cancelled']);

/** One study: its grid, live runs (status, percent, reused, probe ability) and the actions add base model, add recipe, cancel. */
export const StudyShow = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const f = useFormats();
  // leads read a study; researchers and admins extend or cancel it
  const { permissions } = usePermissions();
  const canWrite = permissions === 'researcher' || permissions === 'admin';
  const id = Number(useParams().id);
  const { data: study, error, isPending } = useStudy(id);
  const apply = useApplyStudy();
  const baseModels = useBaseModels();
  const recipes = useRecipeNames();
  const abilityNames = useAbilityNames();
  const [modelId, setModelId] = useState<number | null>(null);
  const [recipe, setRecipe] = useState<string | null>(null);
  const action = useMutation({
    mutationFn: (a: { kind: 'model'; id: number } | { kind: 'recipe'; name: string } | { kind: 'cancel' }) =>
      a.kind === 'model' ? studiesApi.addBaseModel(id, a.id) : a.kind === 'recipe' ? studiesApi.addRecipe(id, a.name) : studiesApi.cancel(id),
    onSuccess: (view) => {
      apply(view);
      setModelId(null);
      setRecipe(null);
      notify(`${S}.show.done`, { type: 'info' });
    },
  });

  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate(`${S}.load_failed`, { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress sx={{ mt: 2 }} />;
  const active = study.runs.some((r) => !FINAL.has(r.status));
  const otherModels = (baseModels.data ?? []).filter((m) => !study.baseModels.some((b) => b.id === m.id));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={study.name} />
      <CardContent>
        <Stack spacing={2}>
          <Stack direction="row" justifyContent="space-between" alignItems="center" flexWrap="wrap" useFlexGap spacing={2}>
            <Typography variant="h5" component="h1">
              {study.name}
            </Typography>
            <Button component={Link} to={`/growth-curves?studyId=${study.id}`} variant="outlined" startIcon={<ShowChartIcon />}>
              {translate(`${S}.show.growth`)}
            </Button>
          </Stack>
          <Typography color="text.secondary">
            {translate(`${S}.show.summary`, {
              template: translate(`${S}.templates.${study.template}`),
              version: study.followVersions ? translate(`${S}.every_version`) : (study.version?.name ?? '—'),
              models: study.baseModels.map((m) => m.name).join(', '),
              seeds: study.seeds.join(', '),
            })}
          </Typography>
          {study.recipes.length > 0 && (
            <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
              {study.recipes.map((r) => (
                <Chip key={r} size="small" label={r} />
              ))}
            </Stack>
          )}
          <StudyProgressBar progress={study.progress} />
          {canWrite && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="center">
              <Autocomplete
                size="small"
                sx={{ minWidth: 260 }}
                options={otherModels.map((m) => m.id)}
                getOptionLabel={(mid) => otherModels.find((m) => m.id === mid)?.name ?? String(mid)}
                value={modelId}
                onChange={(_e, v) => setModelId(v)}
                renderInput={(params) => <TextField {...params} label={translate(`${S}.show.base_model`)} />}
              />
              <Button disabled={modelId === null || action.isPending} onClick={() => modelId !== null && action.mutate({ kind: 'model', id: modelId })}>
                {translate(`${S}.show.add_base_model`)}
              </Button>
              {study.template === 'custom' && (
                <>
                  <Autocomplete
                    size="small"
                    sx={{ minWidth: 220 }}
                    options={(recipes.data ?? []).filter((r) => !study.recipes.includes(r))}
                    value={recipe}
                    onChange={(_e, v) => setRecipe(v)}
                    renderInput={(params) => <TextField {...params} label={translate(`${S}.show.recipe`)} />}
                  />
                  <Button disabled={!recipe || action.isPending} onClick={() => recipe && action.mutate({ kind: 'recipe', name: recipe })}>
                    {translate(`${S}.show.add_recipe`)}
                  </Button>
                </>
              )}
              <Button color="error" disabled={!active || action.isPending} onClick={() => action.mutate({ kind: 'cancel' })}>
                {translate(`${S}.show.cancel`)}
              </Button>
            </Stack>
          )}
          {action.error && <Alert severity="error">{translate(`${S}.show.refused`, { message: action.error.message })}</Alert>}
          <Table size="small" aria-label={translate(`${S}.show.runs`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${S}.show.run`)}</TableCell>
                <TableCell>{translate(`${S}.show.base_model`)}</TableCell>
                <TableCell>{translate(`${S}.show.recipe`)}</TableCell>
                <TableCell>{translate(`${S}.show.seed`)}</TableCell>
                <TableCell>{translate(`${S}.show.status`)}</TableCell>
                <TableCell>{translate(`${S}.show.percent`)}</TableCell>
                <TableCell>{translate(`${S}.show.probe_ability`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {study.runs.map((r) => (
                <TableRow key={r.experimentId} data-testid={`run-${r.experimentId}`}>
                  <TableCell>
                    <Link to={`/experiments/${r.experimentId}`}>{r.name}</Link>{' '}
                    {r.reused && <Chip size="small" color="info" label={translate(`${S}.show.reused`)} title={translate(`${S}.show.reused_help`)} />}
                  </TableCell>
                  <TableCell>
                    {r.baseModel.name}
                    {r.baseModel.parameters ? ` (${formatParameters(r.baseModel.parameters)})` : ''}
                  </TableCell>
                  <TableCell>{r.recipe ? `${r.recipe.name}@${r.recipe.revision}` : translate(`${S}.show.whole_train`)}</TableCell>
                  <TableCell>{r.seed}</TableCell>
                  <TableCell>{translate(`pace.experiments.status.${r.status}`)}</TableCell>
                  <TableCell>
                    <LinearProgress variant="determinate" value={r.percent} aria-label={translate(`${S}.show.percent`)} sx={{ minWidth: 80 }} />
                    {f.int(r.percent)}%
                  </TableCell>
                  <TableCell>{r.probeAbility ? (abilityNames[r.probeAbility] ?? r.probeAbility) : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          {study.foundation.length > 0 && (
            <Typography variant="body2" color="text.secondary">
              {translate(`${S}.show.foundation`, {
                list: study.foundation.map((x) => `${study.baseModels.find((m) => m.id === x.baseModelId)?.name ?? x.baseModelId}: ${translate(`pace.experiments.status.${x.status}`)}`).join(', '),
              })}
            </Typography>
          )}
        </Stack>
      </CardContent>
    </Card>
  );
};
