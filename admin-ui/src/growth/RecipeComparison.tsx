import { Alert, Box, LinearProgress, MenuItem, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { ComparedCell } from '../../../server/analysis/compare/recipe-comparison';
import type { RecipeComparisonView } from '../../../server/growth/growth-views';
import { DASH, useFormats } from '../experiments/format';
import { useSortRecipeNames } from '../recipes/recipeOrder';
import { growthApi, type GrowthSelection } from './growthApi';
import { growthKeys } from './useGrowth';

const G = 'pace.growth.compare';

const MARK_COLOUR: Record<string, string> = { '↑': 'success.main', '↓': 'error.main', '=': 'text.secondary' };

/**
 * Recipe × epoch × benchmark test scores with ↑/↓/= against the baseline row (issue 13 item 8): the table the DoIT
 * paper prints, computed on the server by the same comparison code that reproduces its Tables 2 and 3.
 */
export const ComparisonTable = ({ comparison }: { comparison: RecipeComparisonView }) => {
  const translate = useTranslate();
  const f = useFormats();
  const benchmark = (b: string) => {
    if (b === 'in-domain') return translate(`${G}.in_domain`);
    // `<suite>/<group>`: a suite compared group by group (IFEval's metrics, ifeval/prompt_strict)
    const [suite, group] = b.split('/');
    const name = translate(`pace.growth.suite.${suite}`, { _: suite });
    return group ? `${name} ${translate(`pace.growth.ifeval_metric.${group}`, { _: group })}` : name;
  };
  const cell = (c: ComparedCell, baseline: boolean) => (
    <>
      {c.score === null ? DASH : f.pct(c.score)}
      {!baseline && c.mark && (
        <Box component="span" sx={{ color: MARK_COLOUR[c.mark], ml: 0.5 }} title={c.delta === null ? '' : translate(`${G}.delta`, { delta: f.pct(c.delta) })}>
          {c.mark}
        </Box>
      )}
    </>
  );
  return (
    <TableContainer>
      <Table size="small" aria-label={translate(`${G}.title`)}>
        <TableHead>
          <TableRow>
            <TableCell>{translate(`${G}.recipe`)}</TableCell>
            {comparison.columns.map((c) => (
              <TableCell key={`${c.benchmark}|${c.shots}|${c.epoch}`}>{translate(`${G}.column`, { benchmark: benchmark(c.benchmark), shots: c.shots, epoch: c.epoch })}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {comparison.rows.map((row) => (
            <TableRow key={row.recipe} data-testid={`compare-${row.recipe}`} selected={row.isBaseline}>
              <TableCell component="th" scope="row">
                {row.recipe}
                {row.isBaseline && ` (${translate(`${G}.baseline_tag`)})`}
              </TableCell>
              {row.cells.map((c, i) => (
                <TableCell key={i}>{cell(c, row.isBaseline)}</TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** The comparison of the selected runs' recipes, with the baseline to compare against chosen on the page. */
export const RecipeComparisonSection = ({ selection }: { selection: GrowthSelection }) => {
  const translate = useTranslate();
  const sortNames = useSortRecipeNames();
  const [baseline, setBaseline] = useState<string | undefined>(undefined);
  const { data, error, isPending } = useQuery({
    queryKey: growthKeys.compare(selection, baseline),
    queryFn: () => growthApi.compare(selection, baseline),
  });
  if (error) return <Alert severity="error">{translate('pace.growth.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  if (data.rows.length === 0) return <Typography color="text.secondary">{translate(`${G}.empty`)}</Typography>;
  return (
    <Stack spacing={2}>
      <TextField select size="small" sx={{ maxWidth: 320 }} label={translate(`${G}.baseline`)} value={data.baseline ?? ''} onChange={(e) => setBaseline(e.target.value)}>
        {sortNames(data.recipes).map((r) => (
          <MenuItem key={r} value={r}>
            {r}
          </MenuItem>
        ))}
      </TextField>
      <ComparisonTable comparison={data} />
      <Typography variant="body2" color="text.secondary">
        {translate(`${G}.note`)}
      </Typography>
    </Stack>
  );
};
