import { Alert, Autocomplete, Button, Checkbox, FormControlLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useMemo, useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import type { SourceRecord } from '../sources/sourceRecord';
import { QuotaRuleEditor } from './QuotaRuleEditor';
import { NAME_PATTERN, specOf, type RecipeDraft } from './recipeDraft';
import { fieldErrorsOf, type FieldError } from './recipesApi';
import { POOLS, type RecipeSpec } from './recipeTypes';

const F = 'pace.recipes.form';
/** Fields that have an input of their own; an error on any other is listed above the form. */
const PLACED = [/^name$/, /^notes$/, /^spec\.pool$/, /^spec\.seed$/, /^spec\.sources/, /^spec\.quotas/, /^spec\.synthetic/];

interface Props {
  initial: RecipeDraft;
  /** Editing keeps the name: an edit is the next revision of the same recipe. */
  editing?: boolean;
  onSubmit: (draft: RecipeDraft, spec: RecipeSpec) => Promise<void>;
  onCancel: () => void;
}

/** Create or revise a recipe; every refusal, the form's own or the server's, is shown on the field it names. */
export const RecipeForm = ({ initial, editing, onSubmit, onCancel }: Props) => {
  const translate = useTranslate();
  const [draft, setDraft] = useState(initial);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string>();
  const [saving, setSaving] = useState(false);
  const { data: sources } = useGetList<SourceRecord>('sources', { pagination: { page: 1, perPage: 1000 } });
  const set = (patch: Partial<RecipeDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const errors = useMemo(
    () => Object.fromEntries(fieldErrors.map((e) => [e.field, translate(e.message, { _: e.message })])) as Record<string, string>,
    [fieldErrors, translate],
  );
  const unplaced = Object.entries(errors).filter(([f]) => !PLACED.some((p) => p.test(f)));

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setFailure(undefined);
    const { spec, errors: own } = specOf(draft);
    if (!editing && !NAME_PATTERN.test(draft.name)) own.unshift({ field: 'name', message: draft.name ? `${F}.name_pattern` : `${F}.required` });
    setFieldErrors(own);
    if (own.length) return;
    setSaving(true);
    try {
      await onSubmit(draft, spec);
    } catch (err) {
      const refused = fieldErrorsOf(err);
      setFieldErrors(refused);
      // a 422 lists its fields, shown where they are; any other refusal is a sentence of its own
      if (!refused.length) setFailure(translate(`${F}.refused`, { message: (err as Error).message }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      {failure && <Alert severity="error" sx={{ mb: 2 }}>{failure}</Alert>}
      {unplaced.map(([f, m]) => (
        <Alert key={f} severity="error" sx={{ mb: 1 }}>{`${f}: ${m}`}</Alert>
      ))}
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <TextField
          label={translate(`${F}.name`)}
          value={draft.name}
          onChange={(e) => set({ name: e.target.value })}
          slotProps={{ input: { readOnly: editing } }}
          error={'name' in errors}
          helperText={errors.name ?? translate(`${F}.name_help`)}
          required={!editing}
        />
        <TextField
          select
          label={translate(`${F}.pool`)}
          value={draft.pool}
          onChange={(e) => set({ pool: e.target.value as RecipeDraft['pool'] })}
          error={'spec.pool' in errors}
          helperText={errors['spec.pool'] ?? translate(`${F}.pool_help`)}
        >
          {POOLS.map((p) => (
            <MenuItem key={p} value={p}>
              {translate(`pace.recipes.pool.${p}`)}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      <QuotaRuleEditor at="spec.quotas" label={translate(`${F}.quotas`)} value={draft.quotas} onChange={(quotas) => set({ quotas })} errors={errors} />
      <FormControlLabel
        control={<Checkbox checked={draft.withSynthetic} onChange={(e) => set({ withSynthetic: e.target.checked })} />}
        label={translate(`${F}.synthetic`)}
      />
      {draft.withSynthetic && (
        <>
          <QuotaRuleEditor at="spec.synthetic" label={translate('pace.recipes.quota.synthetic_title')} value={draft.synthetic} onChange={(synthetic) => set({ synthetic })} errors={errors} />
          <Stack sx={{ maxWidth: 720, mt: 2 }}>
            <SourcePicker
              field="syntheticSources"
              label={translate(`${F}.synthetic_sources`)}
              help={translate(`${F}.synthetic_sources_help`)}
              options={(sources ?? []).filter((s) => s.kind === 'synthetic').map((s) => s.name)}
              value={draft.syntheticSources}
              onChange={(syntheticSources) => set({ syntheticSources })}
              errors={errors}
            />
          </Stack>
        </>
      )}
      <Stack spacing={2} sx={{ maxWidth: 720, mt: 2 }}>
        <SourcePicker
          field="sources"
          label={translate(`${F}.sources`)}
          help={translate(`${F}.sources_help`)}
          options={(sources ?? []).filter((s) => s.kind !== 'benchmark').map((s) => s.name)}
          value={draft.sources}
          onChange={(value) => set({ sources: value })}
          errors={errors}
        />
        <TextField
          label={translate(`${F}.seed`)}
          value={draft.seed}
          onChange={(e) => set({ seed: e.target.value })}
          error={'spec.seed' in errors}
          helperText={errors['spec.seed'] ?? translate(`${F}.seed_help`)}
          slotProps={{ htmlInput: { inputMode: 'numeric' } }}
        />
        <TextField label={translate(`${F}.notes`)} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} multiline minRows={2} error={'notes' in errors} helperText={errors.notes} />
        <Stack direction="row" spacing={1}>
          <Button type="submit" variant="contained" disabled={saving}>
            {translate(`${F}.save`)}
          </Button>
          <Button onClick={onCancel}>{translate(`${F}.cancel`)}</Button>
        </Stack>
      </Stack>
    </form>
  );
};

/** Sources named by name (free text allowed: the server says which it does not know); errors of spec.<field>[i] named by source. */
const SourcePicker = (p: {
  field: 'sources' | 'syntheticSources';
  label: string;
  help: string;
  options: string[];
  value: string[];
  onChange: (value: string[]) => void;
  errors: Record<string, string>;
}) => {
  const mine = Object.entries(p.errors).filter(([f]) => f === `spec.${p.field}` || f.startsWith(`spec.${p.field}[`));
  return (
    <Autocomplete
      multiple
      freeSolo
      options={p.options}
      value={p.value}
      onChange={(_, value) => p.onChange(value)}
      renderInput={(params) => (
        <TextField
          {...params}
          label={p.label}
          error={mine.length > 0}
          helperText={mine.length ? mine.map(([f, m]) => (f === `spec.${p.field}` ? m : `${p.value[Number(/\[(\d+)\]/.exec(f)?.[1])] ?? f}: ${m}`)).join('; ') : p.help}
        />
      )}
    />
  );
};
