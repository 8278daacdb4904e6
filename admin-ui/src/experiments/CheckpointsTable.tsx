import { Alert, Box, Chip, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { experimentsApi } from './experimentsApi';
import type { EvaluationBackendKind } from './experimentTypes';
import { useFormats } from './format';
import { keys } from './liveExperiments';
import { RerunEvaluation } from './RerunEvaluation';

const C = 'pace.experiments.checkpoints';

/** One checkpoint per epoch, where the worker keeps it (and its ONNX export), the best one marked; each can be evaluated again. */
export const CheckpointsTable = ({ experimentId, best, evalBackend }: { experimentId: string; best: number | null; evalBackend: EvaluationBackendKind }) => {
  const translate = useTranslate();
  const f = useFormats();
  const { data, error, isPending } = useQuery({ queryKey: keys.part(experimentId, 'checkpoints'), queryFn: () => experimentsApi.checkpoints(experimentId) });
  if (error) return <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  const base = (
    <Box sx={{ mb: 1 }}>
      <RerunEvaluation experimentId={experimentId} epoch={0} defaultBackend={evalBackend} />
    </Box>
  );
  if (!data.length)
    return (
      <>
        {base}
        <Typography color="text.secondary">{translate(`${C}.empty`)}</Typography>
      </>
    );
  return (
    <>
      {base}
      <Table size="small" aria-label={translate(`${C}.title`)}>
        <TableHead>
          <TableRow>
            {['epoch', 'step', 'path', 'onnx', 'created', 'actions'].map((c) => (
              <TableCell key={c}>{translate(`${C}.${c}`)}</TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.map((c) => (
            <TableRow key={c.epoch}>
              <TableCell>
                {f.int(c.epoch)} {c.epoch === best && <Chip size="small" color="success" label={translate(`${C}.best`)} />}
              </TableCell>
              <TableCell>{f.int(c.step)}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{c.path}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{c.onnxPath ?? '—'}</TableCell>
              <TableCell>{f.date(c.createdAt)}</TableCell>
              <TableCell>
                <RerunEvaluation experimentId={experimentId} epoch={c.epoch} defaultBackend={evalBackend} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
