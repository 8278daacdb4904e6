import { Alert, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { formatParameters } from '../../../server/charts/specs/growth-curve';
import { DASH, useFormats } from '../experiments/format';
import { growthApi, type GrowthSelection } from './growthApi';
import { growthKeys } from './useGrowth';

const G = 'pace.growth.forecasts';

/** Forecasts made when runs were queued, checked when their evaluation landed; and their accuracy per ability. */
export const ForecastTable = ({ selection, abilityNames }: { selection: GrowthSelection; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { data, error, isPending } = useQuery({
    queryKey: growthKeys.forecasts(selection),
    queryFn: async () => {
      const [forecasts, accuracy] = await Promise.all([growthApi.forecasts(selection), growthApi.forecastAccuracy(selection)]);
      const ids = 'experimentIds' in selection ? new Set(selection.experimentIds) : null;
      return { forecasts: ids ? forecasts.filter((x) => ids.has(x.experimentId)) : forecasts, accuracy };
    },
  });
  if (error) return <Alert severity="error">{translate('pace.growth.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  const name = (a: string) => abilityNames[a] ?? a;
  return (
    <Stack spacing={2}>
      {data.accuracy.length === 0 ? (
        <Typography color="text.secondary">{translate(`${G}.no_accuracy`)}</Typography>
      ) : (
        <TableContainer>
          <Table size="small" aria-label={translate(`${G}.accuracy_title`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${G}.ability`)}</TableCell>
                <TableCell>{translate(`${G}.count`)}</TableCell>
                <TableCell>{translate(`${G}.checked`)}</TableCell>
                <TableCell>{translate(`${G}.mae`)}</TableCell>
                <TableCell>{translate(`${G}.bias`)}</TableCell>
                <TableCell>{translate(`${G}.coverage`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.accuracy.map((a) => (
                <TableRow key={a.ability}>
                  <TableCell component="th" scope="row">
                    {name(a.ability)}
                  </TableCell>
                  <TableCell>{f.int(a.forecasts)}</TableCell>
                  <TableCell>{f.int(a.checked)}</TableCell>
                  <TableCell>{a.meanAbsError === null ? DASH : f.pct(a.meanAbsError)}</TableCell>
                  <TableCell>{a.meanError === null ? DASH : f.pct(a.meanError)}</TableCell>
                  <TableCell>{a.coverage === null ? DASH : f.pct(a.coverage)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {data.forecasts.length === 0 ? (
        <Typography color="text.secondary">{translate(`${G}.empty`)}</Typography>
      ) : (
        <TableContainer sx={{ maxHeight: 480 }}>
          <Table size="small" stickyHeader aria-label={translate(`${G}.title`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${G}.run`)}</TableCell>
                <TableCell>{translate(`${G}.ability`)}</TableCell>
                <TableCell>{translate(`${G}.line`)}</TableCell>
                <TableCell>{translate(`${G}.volume`)}</TableCell>
                <TableCell>{translate(`${G}.predicted`)}</TableCell>
                <TableCell>{translate(`${G}.measured`)}</TableCell>
                <TableCell>{translate(`${G}.error`)}</TableCell>
                <TableCell>{translate(`${G}.inside`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.forecasts.map((x) => (
                <TableRow key={x.id}>
                  <TableCell>{x.experimentName}</TableCell>
                  <TableCell>{name(x.ability)}</TableCell>
                  <TableCell>
                    {formatParameters(x.parameters)} · {translate(`pace.growth.source.${x.source}`)}
                  </TableCell>
                  <TableCell>{f.int(x.volume)}</TableCell>
                  <TableCell>
                    {f.pct(x.predicted)} [{f.pct(x.lower)}, {f.pct(x.upper)}]
                  </TableCell>
                  <TableCell>{x.measured === null ? translate(`${G}.pending`) : f.pct(x.measured)}</TableCell>
                  <TableCell>{x.error === null ? DASH : f.pct(x.error)}</TableCell>
                  <TableCell>
                    {x.inside === null ? DASH : <Chip size="small" color={x.inside ? 'success' : 'error'} label={translate(x.inside ? `${G}.yes` : `${G}.no`)} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </Stack>
  );
};
