import { Alert, Autocomplete, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { useBaseModels, useFrozenVersions, useRecipeNames } from '../experiments/useExperimentChoices';
import { studiesApi } from './studiesApi';
import { studyKeys } from './liveStudies';
import { EMPTY_DRAFT, STUDY_TEMPLATES, toRequest, validateStudy, type StudyDraft } from './studyDraft';

const S = 'pace.studies.create';

/** A study in one action: name, template, version (or every new one), base models, recipes, seeds, key hyper-parameters. */
export const StudyCreateDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const baseModels = useBaseModels();
  const versions = useFrozenVersions();
  const recipes = useRecipeNames();
  const [d, setD] = useState<StudyDraft>(EMPTY_DRAFT);
  const [submitted, setSubmitted] = useState(false);
  const errors = validateStudy(d);
  const shown = submitted ? errors : {};
  const err = (field: keyof StudyDraft) => (shown[field] ? translate(`pace.studies.errors.${shown[field]}`) : undefined);
  const set = (patch: Partial<StudyDraft>) => setD((x) => ({ ...x, ...patch }));

  const create = useMutation({
    mutationFn: () => studiesApi.create(toRequest(d)),
    onSuccess: (study) => {
      void queryClient.invalidateQueries({ queryKey: studyKeys.list });
      notify(`${S}.created`, { type: 'info', messageArgs: { name: study.name, runs: study.progress.total } });
      onClose();
      setD(EMPTY_DRAFT);
      setSubmitted(false);
      navigate(`/studies/${study.id}`);
    },
  });
  const submit = () => {
    setSubmitted(true);
    if (Object.keys(errors).length === 0) create.mutate();
  };
  const modelName = (id: number) => {
    const m = baseModels.data?.find((x) => x.id === id);
    return m ? `${m.name}${m.parameters ? ` (${formatParameters(m.parameters)})` : ''}` : String(id);
  };

  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="study-create-title">
      <DialogTitle id="study-create-title">{translate(`${S}.title`)}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }} component="form" noValidate onSubmit={(e) => (e.preventDefault(), submit())} aria-label={translate(`${S}.title`)}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField size="small" required label={translate(`${S}.name`)} value={d.name} onChange={(e) => set({ name: e.target.value })} error={!!err('name')} helperText={err('name')} sx={{ flex: 1 }} />
            <TextField select size="small" label={translate(`${S}.template`)} value={d.template} onChange={(e) => set({ template: e.target.value as StudyDraft['template'] })} sx={{ minWidth: 220 }} helperText={translate(`pace.studies.template_help.${d.template}`)}>
              {STUDY_TEMPLATES.map((t) => (
                <MenuItem key={t} value={t}>
                  {translate(`pace.studies.templates.${t}`)}
                </MenuItem>
              ))}
            </TextField>
          </Stack>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
            <TextField
              select
              size="small"
              label={translate(`${S}.version`)}
              value={d.versionId}
              disabled={d.followVersions}
              onChange={(e) => set({ versionId: e.target.value })}
              error={!!err('versionId')}
              helperText={err('versionId')}
              sx={{ minWidth: 220 }}
            >
              {(versions.data ?? []).map((v) => (
                <MenuItem key={v.id} value={String(v.id)}>
                  {v.name}
                </MenuItem>
              ))}
            </TextField>
            <FormControlLabel control={<Checkbox checked={d.followVersions} onChange={(e) => set({ followVersions: e.target.checked })} />} label={translate(`${S}.follow_versions`)} />
          </Stack>
          <Autocomplete
            multiple
            size="small"
            options={(baseModels.data ?? []).map((m) => m.id)}
            getOptionLabel={modelName}
            value={d.baseModelIds}
            onChange={(_e, ids) => set({ baseModelIds: ids })}
            renderInput={(params) => <TextField {...params} required label={translate(`${S}.base_models`)} error={!!err('baseModelIds')} helperText={err('baseModelIds')} />}
          />
          {d.template === 'custom' && (
            <Autocomplete
              multiple
              size="small"
              options={recipes.data ?? []}
              value={d.recipes}
              onChange={(_e, names) => set({ recipes: names })}
              renderInput={(params) => <TextField {...params} required label={translate(`${S}.recipes`)} error={!!err('recipes')} helperText={err('recipes')} />}
            />
          )}
          {d.template === 'volume-grid' && (
            <FormGroup row>
              <FormLabel component="legend" sx={{ width: '100%' }}>
                {translate(`${S}.sources`)}
              </FormLabel>
              {(['curated', 'synthetic'] as const).map((s) => (
                <FormControlLabel
                  key={s}
                  label={translate(`pace.growth.source.${s}`)}
                  control={<Checkbox checked={d.sources.includes(s)} onChange={() => set({ sources: d.sources.includes(s) ? d.sources.filter((x) => x !== s) : [...d.sources, s] })} />}
                />
              ))}
              {err('sources') && <Alert severity="error">{err('sources')}</Alert>}
            </FormGroup>
          )}
          {d.template === 'probe' && (
            <TextField size="small" label={translate(`${S}.probe_items`)} value={d.probeItems} onChange={(e) => set({ probeItems: e.target.value })} error={!!err('probeItems')} helperText={err('probeItems') ?? translate(`${S}.probe_items_help`)} sx={{ maxWidth: 240 }} />
          )}
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
            <TextField size="small" label={translate(`${S}.seeds`)} value={d.seeds} onChange={(e) => set({ seeds: e.target.value })} error={!!err('seeds')} helperText={err('seeds') ?? translate(`${S}.seeds_help`)} />
            <TextField size="small" label={translate(`${S}.epochs`)} value={d.epochs} onChange={(e) => set({ epochs: e.target.value })} error={!!err('epochs')} helperText={err('epochs')} />
            <TextField size="small" label={translate(`${S}.best_from_epoch`)} value={d.bestFromEpoch} onChange={(e) => set({ bestFromEpoch: e.target.value })} error={!!err('bestFromEpoch')} helperText={err('bestFromEpoch') ?? translate(`${S}.best_from_epoch_help`)} />
            <TextField size="small" label={translate(`${S}.learning_rate`)} value={d.learningRate} onChange={(e) => set({ learningRate: e.target.value })} error={!!err('learningRate')} helperText={err('learningRate')} />
          </Stack>
          {create.error && <Alert severity="error">{translate(`${S}.refused`, { message: create.error.message })}</Alert>}
          <button type="submit" hidden />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(`${S}.cancel`)}</Button>
        <Button variant="contained" onClick={submit} disabled={create.isPending}>
          {translate(`${S}.submit`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
