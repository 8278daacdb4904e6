import { Alert, Box, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { alpha } from '@mui/material/styles';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { useAbilityKeys } from '../recipes/useAbilityKeys';
import { experimentsApi } from './experimentsApi';
import { useFormats } from './format';
import { keys } from './liveExperiments';
import { scoreRows, type ScoreRow } from './scoreRows';

const S = 'pace.experiments.scores';
const bestCell = { bgcolor: (t: { palette: { success: { main: string } } }) => alpha(t.palette.success.main, 0.14), fontWeight: 600 };

/**
 * The per-ability score table: one column per evaluated epoch, validation / test accuracy of each in-domain
 * ability with its random-guess expectation, the benchmarks beside them, and the best checkpoint's column marked.
 * Read again on `experiment.scores` (liveExperiments.useExperiment).
 */
export const ScoreTable = ({ experimentId }: { experimentId: string }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { nameOf } = useAbilityKeys();
  const { data, error, isPending } = useQuery({ queryKey: keys.part(experimentId, 'scores'), queryFn: () => experimentsApi.scores(experimentId) });
  if (error) return <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  if (!data.epochs.length) return <Typography color="text.secondary">{translate(`${S}.empty`)}</Typography>;
  const epochs = [...data.epochs].sort((a, b) => a.epoch - b.epoch);
  const rows = scoreRows(epochs);
  const best = data.best?.epoch ?? null;
  const acc = (x: number | null | undefined) => (x == null ? '—' : f.fixed(x * 100, 1));
  const pair = (v: { valid: number | null; test: number | null }) => `${acc(v.valid)} / ${acc(v.test)}`;
  const label = (r: ScoreRow) => {
    if (r.kind === 'ability') return nameOf(r.name);
    if (r.kind === 'average') return translate(`${S}.average`);
    const name = translate(`${S}.suite.${r.name}`);
    if (r.name === 'ifeval' && r.group) return translate(`${S}.ifeval_row`, { name, metric: translate(`${S}.ifeval_metric.${r.group}`) });
    if (r.group) return translate(`${S}.benchmark_set`, { name, set: r.group, shots: r.shots });
    return translate(`${S}.benchmark`, { name, shots: r.shots });
  };
  // IFEval has no random-guess baseline: its expected column stays empty
  const value = (r: ScoreRow, v: { valid: number | null; test: number | null } | undefined) =>
    !v || (r.name === 'ifeval' && v === r.expected) ? '—' : r.kind === 'benchmark' ? acc(v.valid) : pair(v);
  return (
    <Box>
      <Typography variant="body2" sx={{ mb: 1 }} data-testid="best-checkpoint">
        {data.best
          ? translate(`${S}.best`, { epoch: f.int(data.best.epoch), validation: f.pct(data.best.validation), test: f.pct(data.best.test) })
          : translate(`${S}.no_best`)}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(`${S}.legend`)}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label={translate(`${S}.title`)}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${S}.ability`)}</TableCell>
              <TableCell>{translate(`${S}.expected`)}</TableCell>
              {epochs.map((e) => (
                <TableCell key={e.epoch} align="right" data-best={e.epoch === best || undefined} sx={e.epoch === best ? bestCell : undefined}>
                  {translate(e.epoch === best ? `${S}.epoch_best` : `${S}.epoch`, { epoch: f.int(e.epoch) })}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.key} sx={r.kind === 'average' ? { '& td, & th': { fontWeight: 600 } } : undefined}>
                <TableCell component="th" scope="row">
                  {label(r)}
                </TableCell>
                <TableCell sx={{ color: 'text.secondary' }}>{value(r, r.expected)}</TableCell>
                {epochs.map((e) => (
                  <TableCell key={e.epoch} align="right" data-best={e.epoch === best || undefined} sx={e.epoch === best ? bestCell : undefined}>
                    {value(r, r.byEpoch.get(e.epoch))}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </Box>
  );
};
