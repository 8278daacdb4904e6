import { FormControlLabel, Radio, RadioGroup, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RuleDraft } from './recipeDraft';
import { RULE_SHAPES } from './recipeTypes';
import { useAbilityKeys } from './useAbilityKeys';

const F = 'pace.recipes.form';

interface Props {
  /** The spec path this rule sits at (`spec.quotas`, `spec.synthetic`): errors are matched by it. */
  at: string;
  label: string;
  value: RuleDraft;
  onChange: (next: RuleDraft) => void;
  errors: Record<string, string>;
}

/** One quota rule: its shape, then its numbers; a per-ability table for counts and caps. */
export const QuotaRuleEditor = ({ at, label, value, onChange, errors }: Props) => {
  const translate = useTranslate();
  const { keys, nameOf } = useAbilityKeys();
  const set = (patch: Partial<RuleDraft>) => onChange({ ...value, ...patch });
  const field = value.shape === 'counts' ? 'counts' : 'caps';
  const perAbilityKeys = [...new Set([...(keys ?? []), ...Object.keys(value.byAbility)])].sort();
  const shown = new Set([`${at}.perAbility`, `${at}.total`, ...perAbilityKeys.map((k) => `${at}.${field}.${k}`)]);
  const rest = Object.entries(errors).filter(([f]) => (f === at || f.startsWith(`${at}.`)) && !shown.has(f));
  const number = (path: string, text: string, onText: (t: string) => void, inputLabel: string) => (
    <TextField
      size="small"
      label={inputLabel}
      value={text}
      onChange={(e) => onText(e.target.value)}
      error={path in errors}
      helperText={errors[path]}
      slotProps={{ htmlInput: { inputMode: 'numeric', 'aria-label': inputLabel } }}
    />
  );

  return (
    <fieldset style={{ border: 0, padding: 0, margin: '16px 0' }}>
      <Typography component="legend" variant="subtitle1">
        {label}
      </Typography>
      <RadioGroup row value={value.shape} onChange={(e) => set({ shape: e.target.value as RuleDraft['shape'] })}>
        {RULE_SHAPES.map((s) => (
          <FormControlLabel key={s} value={s} control={<Radio size="small" />} label={translate(`${F}.shape.${s}`)} />
        ))}
      </RadioGroup>
      {value.shape === 'perAbility' && number(`${at}.perAbility`, value.perAbility, (t) => set({ perAbility: t }), translate(`${F}.per_ability`))}
      {value.shape === 'total' && number(`${at}.total`, value.total, (t) => set({ total: t }), translate(`${F}.total`))}
      {value.shape !== 'perAbility' && (
        <Table size="small" sx={{ maxWidth: 560, mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>{translate('pace.recipes.quota.ability')}</TableCell>
              <TableCell>{translate(field === 'counts' ? `${F}.count` : `${F}.cap`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {perAbilityKeys.map((k) => (
              <TableRow key={k}>
                <TableCell>{nameOf(k)}</TableCell>
                <TableCell>
                  {number(`${at}.${field}.${k}`, value.byAbility[k] ?? '', (t) => set({ byAbility: { ...value.byAbility, [k]: t } }), `${translate(field === 'counts' ? `${F}.count` : `${F}.cap`)}: ${k}`)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {rest.map(([f, message]) => (
        <Typography key={f} color="error" variant="body2" role="alert">
          {f === at ? message : `${f.slice(at.length + 1)}: ${message}`}
        </Typography>
      ))}
    </fieldset>
  );
};
