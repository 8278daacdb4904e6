import { Alert, Box, Button, Card, CardContent, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router';
import { experimentsApi } from './experimentsApi';
import { HyperParamsFields } from './HyperParamsFields';
import { PAPER_DEFAULTS, paperEpochs, toHyperParams, validateHyperParams, type FieldError, type HyperParamsDraft } from './hyperParamsForm';
import { keys } from './liveExperiments';
import { useBaseModels, useFrozenVersions, useRecipeNames } from './useExperimentChoices';

const C = 'pace.experiments.create';

interface RunDraft {
  name: string;
  baseModelId: string;
  versionId: string;
  recipe: string;
  seed: string;
}

function validateRun(d: RunDraft): Partial<Record<keyof RunDraft, FieldError>> {
  const errors: Partial<Record<keyof RunDraft, FieldError>> = {};
  if (!d.baseModelId) errors.baseModelId = { key: 'required' };
  if (!d.versionId) errors.versionId = { key: 'required' };
  if (!/^\d+$/.test(d.seed.trim())) errors.seed = { key: 'seed' };
  if (d.name.length > 200) errors.name = { key: 'too_long', values: { max: 200 } };
  return errors;
}

/** A new experiment: base model × frozen version × recipe × hyper-parameters (the paper's prefilled) × seed. */
export const ExperimentCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseModels = useBaseModels();
  const versions = useFrozenVersions();
  const recipes = useRecipeNames();
  const [run, setRun] = useState<RunDraft>({ name: '', baseModelId: '', versionId: '', recipe: '', seed: '42' });
  const [hyper, setHyper] = useState<HyperParamsDraft>(PAPER_DEFAULTS);
  const [epochsTouched, setEpochsTouched] = useState(false);
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const runErrors = validateRun(run);
  const hyperErrors = validateHyperParams(hyper);
  const shown = <T,>(errors: T): T | Record<string, never> => (submitted ? errors : {});
  const invalid = Object.keys(runErrors).length + Object.keys(hyperErrors).length > 0;

  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      experimentsApi.create({
        baseModelId: Number(run.baseModelId),
        versionId: Number(run.versionId),
        ...(run.recipe ? { recipe: run.recipe } : {}),
        ...(run.name.trim() ? { name: run.name.trim() } : {}),
        seed: Number(run.seed),
        hyperParams: toHyperParams(hyper),
      }),
    onSuccess: (e) => {
      void queryClient.invalidateQueries({ queryKey: keys.list });
      notify(`${C}.queued`, { type: 'info', messageArgs: { name: e.name } });
      navigate(`/experiments/${e.id}`);
    },
    onError: (e: Error) => setRefusal(e.message),
  });

  const submit = () => {
    setSubmitted(true);
    setRefusal(null);
    if (!invalid) mutate();
  };
  const setRecipe = (recipe: string) => {
    setRun((r) => ({ ...r, recipe }));
    if (!epochsTouched) setHyper((h) => ({ ...h, epochs: String(paperEpochs(recipe)) }));
  };
  const errorText = (e: FieldError | undefined) => (e ? translate(`pace.experiments.errors.${e.key}`, e.values) : undefined);
  const re = shown(runErrors);
  const loadError = baseModels.error ?? versions.error ?? recipes.error;

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`${C}.title`} />
      <CardContent>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {translate(`${C}.title`)}
        </Typography>
        {loadError && <Alert severity="error" sx={{ mb: 2 }}>{translate('pace.experiments.load_failed', { message: loadError.message })}</Alert>}
        {baseModels.data?.length === 0 && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate(`${C}.no_base_models`)} <Link to="/experiments/base-models">{translate('pace.experiments.nav.base_models')}</Link>
          </Alert>
        )}
        <Stack spacing={2} component="form" noValidate onSubmit={(e) => (e.preventDefault(), submit())} aria-label={translate(`${C}.title`)}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField
              select
              required
              size="small"
              sx={{ minWidth: 240 }}
              label={translate(`${C}.base_model`)}
              value={run.baseModelId}
              onChange={(e) => setRun({ ...run, baseModelId: e.target.value })}
              error={!!re.baseModelId}
              helperText={errorText(re.baseModelId)}
            >
              {(baseModels.data ?? []).map((m) => (
                <MenuItem key={m.id} value={String(m.id)}>
                  {m.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField
              select
              required
              size="small"
              sx={{ minWidth: 200 }}
              label={translate(`${C}.version`)}
              value={run.versionId}
              onChange={(e) => setRun({ ...run, versionId: e.target.value })}
              error={!!re.versionId}
              helperText={errorText(re.versionId) ?? translate(`${C}.version_help`)}
            >
              {(versions.data ?? []).map((v) => (
                <MenuItem key={v.id} value={String(v.id)}>
                  {v.name}
                </MenuItem>
              ))}
            </TextField>
            <TextField select size="small" sx={{ minWidth: 200 }} label={translate(`${C}.recipe`)} value={run.recipe} onChange={(e) => setRecipe(e.target.value)}>
              <MenuItem value="">{translate('pace.experiments.list.whole_train')}</MenuItem>
              {(recipes.data ?? []).map((name) => (
                <MenuItem key={name} value={name}>
                  {name}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField size="small" label={translate(`${C}.name`)} value={run.name} onChange={(e) => setRun({ ...run, name: e.target.value })} error={!!re.name} helperText={errorText(re.name) ?? translate(`${C}.name_help`)} sx={{ minWidth: 320 }} />
            <TextField size="small" label={translate(`${C}.seed`)} value={run.seed} onChange={(e) => setRun({ ...run, seed: e.target.value })} error={!!re.seed} helperText={errorText(re.seed)} />
          </Stack>
          <Typography variant="subtitle1" component="h2">
            {translate('pace.experiments.hyper.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate(`${C}.defaults_note`)}
          </Typography>
          <HyperParamsFields
            draft={hyper}
            errors={shown(hyperErrors)}
            onChange={(patch) => {
              if ('epochs' in patch) setEpochsTouched(true);
              setHyper((h) => ({ ...h, ...patch }));
            }}
          />
          {submitted && invalid && <Alert severity="error">{translate(`${C}.fix_errors`)}</Alert>}
          {refusal && <Alert severity="error">{translate(`${C}.refused`, { message: refusal })}</Alert>}
          <Box>
            <Button type="submit" variant="contained" disabled={isPending}>
              {translate(`${C}.submit`)}
            </Button>{' '}
            <Button component={Link} to="/experiments">
              {translate(`${C}.cancel`)}
            </Button>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
};
