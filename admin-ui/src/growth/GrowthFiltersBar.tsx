import { Checkbox, Chip, FormControlLabel, FormGroup, FormLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { GrowthCurves } from '../../../server/growth/growth-views';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { filterChoices, type GrowthFilterState } from './growthFilters';

const G = 'pace.growth';

/** Split/benchmark, abilities, model sizes, sources and shots of the growth charts. */
export const GrowthFiltersBar = ({
  curves,
  state,
  onChange,
  abilityNames,
}: {
  curves: GrowthCurves;
  state: GrowthFilterState;
  onChange: (state: GrowthFilterState) => void;
  abilityNames: Readonly<Record<string, string>>;
}) => {
  const translate = useTranslate();
  const c = filterChoices(curves);
  const familyName = (f: string) => (f === 'in-domain' ? translate(`${G}.filters.in_domain`) : translate(`${G}.suite.${f}`, { _: f.toUpperCase() }));
  const abilityName = (a: string) => (a === 'average' ? translate(`${G}.filters.average`) : (abilityNames[a] ?? a));
  const toggle = <T,>(list: T[], x: T) => (list.includes(x) ? list.filter((y) => y !== x) : [...list, x]);
  const shots = c.shotsOf(state.family);
  return (
    <Stack spacing={2} role="search" aria-label={translate(`${G}.filters.title`)}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <TextField
          select
          size="small"
          sx={{ minWidth: 220 }}
          label={translate(`${G}.filters.family`)}
          value={state.family}
          onChange={(e) => onChange({ ...state, family: e.target.value, abilities: c.abilitiesOf(e.target.value), shots: 'all' })}
        >
          {c.families.map((f) => (
            <MenuItem key={f} value={f}>
              {familyName(f)}
            </MenuItem>
          ))}
        </TextField>
        {shots.length > 1 && (
          <TextField select size="small" sx={{ minWidth: 140 }} label={translate(`${G}.filters.shots`)} value={String(state.shots)} onChange={(e) => onChange({ ...state, shots: e.target.value === 'all' ? 'all' : Number(e.target.value) })}>
            <MenuItem value="all">{translate(`${G}.filters.all_shots`)}</MenuItem>
            {shots.map((s) => (
              <MenuItem key={s} value={String(s)}>
                {translate(`${G}.filters.n_shot`, { shots: s })}
              </MenuItem>
            ))}
          </TextField>
        )}
      </Stack>
      <div>
        <FormLabel component="legend">{translate(`${G}.filters.abilities`)}</FormLabel>
        <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1} sx={{ mt: 0.5 }} role="group" aria-label={translate(`${G}.filters.abilities`)}>
          {c.abilitiesOf(state.family).map((a) => {
            const on = state.abilities.includes(a);
            return (
              <Chip
                key={a}
                label={abilityName(a)}
                color={on ? 'primary' : 'default'}
                variant={on ? 'filled' : 'outlined'}
                aria-pressed={on}
                onClick={() => onChange({ ...state, abilities: toggle(state.abilities, a) })}
              />
            );
          })}
        </Stack>
      </div>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={4}>
        <FormGroup row role="group" aria-label={translate(`${G}.filters.sizes`)}>
          <FormLabel component="legend" sx={{ width: '100%' }}>
            {translate(`${G}.filters.sizes`)}
          </FormLabel>
          {c.sizes.map((p) => (
            <FormControlLabel
              key={p}
              label={formatParameters(p)}
              control={<Checkbox size="small" checked={!state.hiddenSizes.includes(p)} onChange={() => onChange({ ...state, hiddenSizes: toggle(state.hiddenSizes, p) })} />}
            />
          ))}
        </FormGroup>
        <FormGroup row role="group" aria-label={translate(`${G}.filters.sources`)}>
          <FormLabel component="legend" sx={{ width: '100%' }}>
            {translate(`${G}.filters.sources`)}
          </FormLabel>
          {c.sources.map((s) => (
            <FormControlLabel
              key={s}
              label={translate(`${G}.source.${s}`)}
              control={<Checkbox size="small" checked={!state.hiddenSources.includes(s)} onChange={() => onChange({ ...state, hiddenSources: toggle(state.hiddenSources, s) })} />}
            />
          ))}
        </FormGroup>
      </Stack>
    </Stack>
  );
};
