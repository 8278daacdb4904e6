import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { experimentsApi } from './experimentsApi';
import type { HyperParams, PolicyView } from './experimentTypes';
import { HyperParamsFields } from './HyperParamsFields';
import { policyOverrides, POLICY_DEFAULTS, toDraft, validateHyperParams, type HyperParamsDraft } from './hyperParamsForm';
import { PolicyTargets } from './PolicyTargets';
import { useBaseModels, useRecipeNames } from './useExperimentChoices';

const P = 'pace.experiments.policies';

/**
 * Edits a policy's name, base model, recipes, seed and hyper-parameters (PATCH); the runs it already queued keep
 * their settings, the next frozen version gets the new ones.
 */
export const PolicyEditDialog = ({ policy, onClose, onSaved }: { policy: PolicyView; onClose: () => void; onSaved: (p: PolicyView) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const baseModels = useBaseModels();
  const recipes = useRecipeNames();
  const initial = useMemo(() => toDraft(policy.hyperParams, POLICY_DEFAULTS), [policy]);
  const [name, setName] = useState(policy.name);
  const [baseModelId, setBaseModelId] = useState(String(policy.baseModelId));
  const [chosen, setChosen] = useState<string[]>(policy.recipes);
  const [seed, setSeed] = useState(String(policy.seed));
  const [hyper, setHyper] = useState<HyperParamsDraft>(initial);
  const [submitted, setSubmitted] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const hyperErrors = validateHyperParams(hyper);
  const errors = {
    name: name.trim() === '' ? 'required' : name.length > 200 ? 'too_long' : null,
    recipes: chosen.length === 0 ? 'required' : null,
    seed: /^\d+$/.test(seed.trim()) && Number(seed) <= 2 ** 31 - 1 ? null : 'seed',
  };
  const invalid = Object.values(errors).some(Boolean) || Object.keys(hyperErrors).length > 0;
  const shown = (key: string | null) => (submitted && key ? translate(`pace.experiments.errors.${key}`, { max: 200 }) : undefined);
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      experimentsApi.updatePolicy(policy.id, {
        name: name.trim(),
        baseModelId: Number(baseModelId),
        recipes: chosen,
        seed: Number(seed),
        hyperParams: policyOverrides(hyper, initial, policy.hyperParams),
      }),
    onSuccess: (p) => {
      onSaved(p);
      notify(`${P}.saved`, { type: 'info', messageArgs: { name: p.name } });
      onClose();
    },
    onError: (e: Error) => setRefusal(e.message),
  });
  const save = () => {
    setSubmitted(true);
    setRefusal(null);
    if (!invalid) mutate();
  };
  const stored = Object.keys(policy.hyperParams) as Array<keyof HyperParams>;
  return (
    <Dialog open onClose={() => !isPending && onClose()} maxWidth="lg" fullWidth aria-labelledby="policy-edit-title">
      <DialogTitle id="policy-edit-title">{translate(`${P}.edit_title`, { name: policy.name })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} component="form" noValidate id="policy-edit" onSubmit={(e) => (e.preventDefault(), save())} aria-label={translate(`${P}.edit_title`, { name: policy.name })} sx={{ pt: 1 }}>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
            <TextField size="small" required label={translate(`${P}.name`)} value={name} onChange={(e) => setName(e.target.value)} error={!!shown(errors.name)} helperText={shown(errors.name)} />
            <PolicyTargets
              baseModels={baseModels.data ?? [{ id: policy.baseModelId, name: policy.baseModelName }]}
              baseModelId={baseModelId}
              onBaseModel={setBaseModelId}
              recipes={recipes.data ?? []}
              chosen={chosen}
              onChosen={setChosen}
              recipesError={shown(errors.recipes)}
            />
            <TextField size="small" label={translate(`${P}.seed`)} value={seed} onChange={(e) => setSeed(e.target.value)} error={!!shown(errors.seed)} helperText={shown(errors.seed)} sx={{ width: 120 }} />
          </Stack>
          <Typography variant="subtitle1" component="h3">
            {translate('pace.experiments.hyper.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            {translate(`${P}.overrides_note`)}{' '}
            {stored.length > 0 && translate(`${P}.overrides_now`, { keys: stored.map((k) => translate(`pace.experiments.hyper.${k}`)).join(', ') })}
          </Typography>
          <HyperParamsFields draft={hyper} errors={submitted ? hyperErrors : {}} onChange={(patch) => setHyper((h) => ({ ...h, ...patch }))} />
          {submitted && invalid && <Alert severity="error">{translate('pace.experiments.create.fix_errors')}</Alert>}
          {refusal && <Alert severity="error">{translate(`${P}.refused`, { message: refusal })}</Alert>}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={isPending}>
          {translate('pace.experiments.create.cancel')}
        </Button>
        <Button type="submit" form="policy-edit" variant="contained" disabled={isPending}>
          {translate(`${P}.save`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
