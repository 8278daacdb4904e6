import { Checkbox, FormControlLabel, FormGroup, FormLabel, Grid, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { BENCHMARKS, type Benchmark } from './experimentTypes';
import type { DraftErrors, HyperParamsDraft } from './hyperParamsForm';

const H = 'pace.experiments.hyper';
type TextKey = Exclude<keyof HyperParamsDraft, 'method' | 'precision' | 'evalBackend' | 'benchmarks'>;

/** The hyper-parameter inputs, prefilled with the paper's settings; `errors` names what is wrong with each. */
export const HyperParamsFields = ({
  draft,
  errors,
  onChange,
}: {
  draft: HyperParamsDraft;
  errors: DraftErrors;
  onChange: (patch: Partial<HyperParamsDraft>) => void;
}) => {
  const translate = useTranslate();
  const errorText = (k: keyof HyperParamsDraft) => {
    const e = errors[k];
    return e ? translate(`pace.experiments.errors.${e.key}`, e.values) : undefined;
  };
  const text = (k: TextKey, label: string = k, help?: string) => (
    <Grid size={{ xs: 12, sm: 6, md: 3 }} key={k}>
      <TextField
        fullWidth
        size="small"
        label={translate(`${H}.${label}`)}
        value={draft[k]}
        onChange={(e) => onChange({ [k]: e.target.value })}
        error={!!errors[k]}
        helperText={errorText(k) ?? help}
        slotProps={{ htmlInput: { inputMode: 'decimal' } }}
      />
    </Grid>
  );
  const select = <K extends 'method' | 'precision' | 'evalBackend'>(k: K, options: readonly HyperParamsDraft[K][]) => (
    <Grid size={{ xs: 12, sm: 6, md: 3 }} key={k}>
      <TextField select fullWidth size="small" label={translate(`${H}.${k}`)} value={draft[k]} onChange={(e) => onChange({ [k]: e.target.value } as Partial<HyperParamsDraft>)}>
        {options.map((o) => (
          <MenuItem key={o} value={o}>
            {translate(`${H}.${k}_${o}`)}
          </MenuItem>
        ))}
      </TextField>
    </Grid>
  );
  const toggle = (b: Benchmark) => onChange({ benchmarks: draft.benchmarks.includes(b) ? draft.benchmarks.filter((x) => x !== b) : BENCHMARKS.filter((x) => x === b || draft.benchmarks.includes(x)) });
  return (
    <Grid container spacing={2}>
      {text('epochs', 'epochs', translate(`${H}.epochs_help`))}
      {text('learningRate')}
      {text('finalLearningRate')}
      {text('weightDecay')}
      {text('beta1')}
      {text('beta2')}
      {text('globalBatchSize')}
      {text('microBatchSize')}
      {text('maxLength')}
      {text('gpus')}
      {text('maxNewTokens')}
      {text('bestFromEpoch', 'bestFromEpoch', translate(`${H}.bestFromEpoch_help`))}
      {select('precision', ['auto', 'bf16', 'fp32'])}
      {select('method', ['full', 'lora'])}
      {draft.method === 'lora' && [text('loraR'), text('loraAlpha'), text('loraDropout')]}
      {select('evalBackend', ['torch', 'onnx'])}
      {draft.benchmarks.includes('ifeval') && text('ifevalMaxNewTokens')}
      <Grid size={12}>
        <FormLabel component="legend">{translate(`${H}.benchmarks`)}</FormLabel>
        <FormGroup row>
          {BENCHMARKS.map((b) => (
            <FormControlLabel key={b} control={<Checkbox checked={draft.benchmarks.includes(b)} onChange={() => toggle(b)} />} label={translate(`pace.experiments.scores.suite.${b}`)} />
          ))}
        </FormGroup>
      </Grid>
    </Grid>
  );
};
