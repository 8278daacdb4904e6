import { Alert, Button, LinearProgress, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link } from 'react-router';
import type { GrowthRunView, GrowthView } from '../../../server/growth/growth-views';
import { scoreByEpochLabels } from '../../../server/charts/chart-messages';
import { formatParameters, scoreByEpochChart } from '../../../server/charts/specs/growth-curve';
import { DASH, useFormats } from '../experiments/format';
import { EChart } from './EChart';
import { ChartDownloads } from './GrowthCharts';
import { growthApi, type GrowthSelection } from './growthApi';
import { growthKeys, useChartLocale } from './useGrowth';

const G = 'pace.growth.runs';

/** A run's score against epoch (GET /growth/runs/:id/epochs), drawn by the server's scoreByEpochChart. */
const ScoreByEpoch = ({ run, minEpoch, abilityNames, selection }: { run: GrowthRunView; minEpoch: number; abilityNames: Readonly<Record<string, string>>; selection: GrowthSelection }) => {
  const translate = useTranslate();
  const locale = useChartLocale();
  const { data, error, isPending } = useQuery({ queryKey: growthKeys.epochs(run.experimentId), queryFn: () => growthApi.epochs(run.experimentId) });
  const option = useMemo(
    () => (data ? scoreByEpochChart({ lines: data, reportedEpoch: run.reportedEpoch }, scoreByEpochLabels(locale, run.name, minEpoch, abilityNames)) : null),
    [data, run, locale, minEpoch, abilityNames],
  );
  if (error) return <Alert severity="error">{translate('pace.growth.load_failed', { message: error.message })}</Alert>;
  if (isPending || !option) return <LinearProgress />;
  return (
    <section aria-label={translate(`${G}.epochs_title`, { run: run.name })}>
      <EChart option={option} label={translate(`${G}.epochs_title`, { run: run.name })} height={360} />
      <ChartDownloads name="score-by-epoch" selection={selection} query={{ experimentId: run.experimentId }} />
    </section>
  );
};

/** The runs of the selection (size, source, volume, reported checkpoint), each with its score-by-epoch view. */
export const RunsSection = ({ curves, abilityNames, selection }: { curves: GrowthView; abilityNames: Readonly<Record<string, string>>; selection: GrowthSelection }) => {
  const translate = useTranslate();
  const f = useFormats();
  const [open, setOpen] = useState<string | null>(null);
  if (!curves.runs.length) return <Typography color="text.secondary">{translate(`${G}.empty`)}</Typography>;
  const opened = curves.runs.find((r) => r.experimentId === open);
  return (
    <>
      {curves.unsized.length > 0 && <Alert severity="warning">{translate(`${G}.unsized`, { runs: curves.unsized.join(', ') })}</Alert>}
      <TableContainer sx={{ maxHeight: 420 }}>
        <Table size="small" stickyHeader aria-label={translate(`${G}.title`)}>
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${G}.name`)}</TableCell>
              <TableCell>{translate(`${G}.size`)}</TableCell>
              <TableCell>{translate(`${G}.source`)}</TableCell>
              <TableCell>{translate(`${G}.seed`)}</TableCell>
              <TableCell>{translate(`${G}.items`)}</TableCell>
              <TableCell>{translate(`${G}.status`)}</TableCell>
              <TableCell>{translate(`${G}.reported`)}</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {curves.runs.map((r) => (
              <TableRow key={r.experimentId} selected={r.experimentId === open}>
                <TableCell>
                  <Link to={`/experiments/${r.experimentId}`}>{r.name}</Link>
                </TableCell>
                <TableCell>{formatParameters(r.parameters)}</TableCell>
                <TableCell>{translate(`pace.growth.source.${r.source}`)}</TableCell>
                <TableCell>{r.seed}</TableCell>
                <TableCell>{f.int(r.trainTotal)}</TableCell>
                <TableCell>{translate(`pace.experiments.status.${r.status}`)}</TableCell>
                <TableCell>{r.reportedEpoch ?? (curves.pending.includes(r.experimentId) ? translate(`${G}.pending`) : DASH)}</TableCell>
                <TableCell>
                  <Button size="small" onClick={() => setOpen(r.experimentId === open ? null : r.experimentId)}>
                    {translate(r.experimentId === open ? `${G}.hide_epochs` : `${G}.show_epochs`)}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {opened && <ScoreByEpoch key={opened.experimentId} run={opened} minEpoch={curves.minEpoch} abilityNames={abilityNames} selection={selection} />}
    </>
  );
};
