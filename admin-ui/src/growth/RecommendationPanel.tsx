import { Alert, Box, Button, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import type { DataSource, QuotaProposalView } from '../../../server/growth/growth-views';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { DASH, useFormats } from '../experiments/format';
import { guidanceErrorText, guidanceText } from './guidanceText';
import { growthApi, type GrowthSelection } from './growthApi';
import { useChartLocale } from './useGrowth';

const G = 'pace.growth.recommend';

/**
 * Budget → per-ability quotas (POST /guidance/quotas), each with its expected change and the reasons in words, and one
 * button that saves the proposal as a recipe revision and starts an experiment with it (POST /guidance/quotas/apply).
 */
export const RecommendationPanel = ({
  selection,
  abilityNames,
  canApply,
  sizes = [],
  sources = [],
}: {
  selection: GrowthSelection;
  abilityNames: Readonly<Record<string, string>>;
  canApply: boolean;
  /** the model sizes and sources whose fits the proposal may use (default: the largest size, curated) */
  sizes?: readonly number[];
  sources?: readonly DataSource[];
}) => {
  const translate = useTranslate();
  const notify = useNotify();
  const f = useFormats();
  const locale = useChartLocale();
  const [budget, setBudget] = useState('1000');
  const [floor, setFloor] = useState('64');
  const [recipe, setRecipe] = useState('');
  const [line, setLine] = useState<{ parameters: string; source: string }>({ parameters: '', source: '' });
  const [proposal, setProposal] = useState<QuotaProposalView | null>(null);
  const [applied, setApplied] = useState<{ recipe: string; experimentId: string | null } | null>(null);

  const budgetValue = Number(budget);
  const floorValue = Number(floor);
  const budgetError = !/^\d+$/.test(budget.trim()) || budgetValue < 1 ? translate(`${G}.budget_invalid`) : null;
  const floorError = !/^\d+$/.test(floor.trim()) ? translate(`${G}.floor_invalid`) : null;
  const recipeError = recipe && !/^[a-z][a-z0-9._-]{0,99}$/.test(recipe) ? translate(`${G}.recipe_invalid`) : null;
  const request = { ...('studyId' in selection ? { studyId: selection.studyId } : { experimentIds: [...selection.experimentIds] }), budget: budgetValue,
    floor: floorValue,
    ...(line.parameters ? { parameters: Number(line.parameters) } : {}),
    ...(line.source ? { source: line.source as DataSource } : {}),
    locale,
  };

  const propose = useMutation({ mutationFn: () => growthApi.quotas(request), onSuccess: (p) => (setProposal(p), setApplied(null)) });
  const apply = useMutation({
    mutationFn: () => growthApi.applyQuotas({ ...request, recipe, start: true }),
    onSuccess: (r) => {
      setProposal(r.proposal);
      setApplied({ recipe: `${r.recipe.name}@${r.recipe.revision}`, experimentId: r.experiment?.id ?? null });
      notify(`${G}.applied`, { type: 'info', messageArgs: { recipe: `${r.recipe.name}@${r.recipe.revision}` } });
    },
  });
  const text = (r: Parameters<typeof guidanceText>[1]) => guidanceText(translate, r, abilityNames);
  const error = propose.error ?? apply.error;

  return (
    <Stack spacing={2}>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} component="form" noValidate onSubmit={(e) => (e.preventDefault(), !budgetError && !floorError && propose.mutate())}>
        <TextField size="small" label={translate(`${G}.budget`)} value={budget} onChange={(e) => setBudget(e.target.value)} error={!!budgetError} helperText={budgetError ?? translate(`${G}.budget_help`)} />
        <TextField size="small" label={translate(`${G}.floor`)} value={floor} onChange={(e) => setFloor(e.target.value)} error={!!floorError} helperText={floorError ?? translate(`${G}.floor_help`)} />
        {sizes.length > 1 && (
          <TextField select size="small" sx={{ minWidth: 160 }} label={translate(`${G}.size`)} value={line.parameters} onChange={(e) => setLine({ ...line, parameters: e.target.value })}>
            <MenuItem value="">{translate(`${G}.default_size`)}</MenuItem>
            {sizes.map((p) => (
              <MenuItem key={p} value={String(p)}>
                {formatParameters(p)}
              </MenuItem>
            ))}
          </TextField>
        )}
        {sources.length > 1 && (
          <TextField select size="small" sx={{ minWidth: 160 }} label={translate(`${G}.source`)} value={line.source} onChange={(e) => setLine({ ...line, source: e.target.value })}>
            <MenuItem value="">{translate(`${G}.default_source`)}</MenuItem>
            {sources.map((src) => (
              <MenuItem key={src} value={src}>
                {translate(`pace.growth.source.${src}`)}
              </MenuItem>
            ))}
          </TextField>
        )}
        <Box>
          <Button type="submit" variant="contained" disabled={!!budgetError || !!floorError || propose.isPending}>
            {translate(`${G}.propose`)}
          </Button>
        </Box>
      </Stack>
      {error && <Alert severity="error">{translate(`${G}.refused`, { message: guidanceErrorText(translate, error, abilityNames) })}</Alert>}
      {proposal && (
        <>
          <Box aria-label={translate(`${G}.summary`)} role="note">
            {proposal.reasons.map((r, i) => (
              <Typography key={i}>{text(r)}</Typography>
            ))}
          </Box>
          <TableContainer>
            <Table size="small" aria-label={translate(`${G}.title`)}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate(`${G}.ability`)}</TableCell>
                  <TableCell>{translate('pace.growth.sensitivity.class')}</TableCell>
                  <TableCell>{translate(`${G}.current`)}</TableCell>
                  <TableCell>{translate(`${G}.quota`)}</TableCell>
                  <TableCell>{translate(`${G}.limit`)}</TableCell>
                  <TableCell>{translate(`${G}.expected_change`)}</TableCell>
                  <TableCell>{translate(`${G}.why`)}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {proposal.quotas.map((q) => (
                  <TableRow key={q.ability} data-testid={`quota-${q.ability}`}>
                    <TableCell component="th" scope="row">
                      {abilityNames[q.ability] ?? q.ability}
                    </TableCell>
                    <TableCell>
                      <Chip size="small" label={translate(`pace.growth.class.${q.class}`)} />
                    </TableCell>
                    <TableCell>{f.int(q.current)}</TableCell>
                    <TableCell>{f.int(q.quota)}</TableCell>
                    <TableCell>{f.int(q.limit)}</TableCell>
                    <TableCell>{q.expectedChange === null ? DASH : `${q.expectedChange >= 0 ? '+' : '−'}${f.fixed(Math.abs(q.expectedChange) * 100, 1)} pt`}</TableCell>
                    <TableCell>
                      {q.reasons.map((r, i) => (
                        <Typography key={i} variant="body2">
                          {text(r)}
                        </Typography>
                      ))}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
          {canApply && (
            <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
              <TextField size="small" required label={translate(`${G}.recipe`)} value={recipe} onChange={(e) => setRecipe(e.target.value)} error={!!recipeError} helperText={recipeError ?? translate(`${G}.recipe_help`)} />
              <Button variant="contained" color="secondary" disabled={!recipe || !!recipeError || apply.isPending} onClick={() => apply.mutate()}>
                {translate(`${G}.apply`)}
              </Button>
            </Stack>
          )}
          {applied && (
            <Alert severity="success">
              {translate(`${G}.applied`, { recipe: applied.recipe })}{' '}
              {applied.experimentId && <Link to={`/experiments/${applied.experimentId}`}>{translate(`${G}.open_experiment`)}</Link>}
            </Alert>
          )}
        </>
      )}
    </Stack>
  );
};
