import { Alert, Box, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { EvaluationActions } from './EvaluationActions';
import { StatusChip } from './ExperimentStatus';
import { useFormats } from './format';
import { useEvaluations } from './liveExperiments';

const E = 'pace.experiments.evaluations';

/** Each checkpoint's evaluation: back-end, suites and how many scoring requests are done, live; its results, cancel and resume. */
export const EvaluationsTable = ({ experimentId }: { experimentId: string }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { data, error, isPending } = useEvaluations(experimentId);
  if (error) return <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  if (!data.length) return <Typography color="text.secondary">{translate(`${E}.empty`)}</Typography>;
  return (
    <Table size="small" aria-label={translate(`${E}.title`)}>
      <TableHead>
        <TableRow>
          {['epoch', 'backend', 'suites', 'status', 'progress', 'finished', 'actions'].map((c) => (
            <TableCell key={c}>{translate(`${E}.${c}`)}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {data.map((e) => (
          <TableRow key={e.id} data-testid={`evaluation-${e.id}`}>
            <TableCell>{f.int(e.epoch)}</TableCell>
            <TableCell>{e.backend}</TableCell>
            <TableCell>{e.suites.map((s) => translate(`pace.experiments.scores.suite.${s}`)).join(', ')}</TableCell>
            <TableCell>
              <StatusChip status={e.status} />
              {e.failureReason && (
                <Typography variant="caption" color="error" component="div" sx={{ whiteSpace: 'pre-wrap' }}>
                  {e.failureReason}
                </Typography>
              )}
            </TableCell>
            <TableCell sx={{ minWidth: 200 }}>
              <Box>
                <LinearProgress variant="determinate" value={Math.max(0, Math.min(100, e.progress.percent))} aria-label={translate(`${E}.progress`)} />
                <Typography variant="caption" color="text.secondary">
                  {translate(`${E}.requests`, { done: f.int(e.progress.requestsDone), total: f.int(e.progress.requestsTotal) })}
                </Typography>
              </Box>
            </TableCell>
            <TableCell>{f.date(e.finishedAt)}</TableCell>
            <TableCell>
              <EvaluationActions evaluation={e} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};
