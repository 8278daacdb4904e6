import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { useLiveEvent } from '../realtime/socket';
import { STAGES, synthesisApi, type FailureView, type RunProgressEvent, type RunView } from './synthesisApi';

/** A run: per-stage progress live over socket.io (room `synthesis:<id>`), usage and cost, pause/resume/cancel, failures. */
export const RunShow = () => {
  const t = useTranslate();
  const { id } = useParams<{ id: string }>();
  const [run, setRun] = useState<RunView | null>(null);
  const [failures, setFailures] = useState<FailureView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    if (!id) return;
    synthesisApi.run(id).then(setRun, (e: Error) => setError(e.message));
    void synthesisApi.failures(id).then((r) => setFailures(r.rows));
  }, [id]);
  useEffect(() => load(), [load]);
  useLiveEvent<RunProgressEvent>(id ? `synthesis:${id}` : null, 'synthesis.progress', (e) => {
    setRun((r) => (r && e.id === r.id ? { ...r, status: e.status, stage: e.stage, progress: e.progress, usage: e.usage ?? r.usage } : r));
    if (['completed', 'paused', 'cancelled', 'failed'].includes(e.status)) load();
  });
  const act = (action: 'pause' | 'resume' | 'cancel') => synthesisApi.act(id!, action).then(setRun, (e: Error) => setError(e.message));
  const ingestAction = (call: Promise<unknown>) => call.then(load, (e: Error) => setError(e.message));

  if (!run) return error ? <Alert severity="error">{error}</Alert> : <LinearProgress />;
  const u = run.usage;
  return (
    <Stack spacing={2}>
      <Link to="/synthesis">{t('pace.synthesis.runs.back')}</Link>
      <Typography variant="h5">{run.name}</Typography>
      <Stack direction="row" spacing={2} alignItems="center">
        <Typography data-testid="synthesis-status">
          {run.status === 'paused' && run.pauseReason
            ? t('pace.synthesis.runs.paused_by', { reason: t(`pace.synthesis.runs.pause_reason.${run.pauseReason}`) })
            : t(`pace.synthesis.runs.run_status.${run.status}`)}
          {run.stage ? ` · ${t(`pace.synthesis.runs.stages.${run.stage}`)}` : ''}
        </Typography>
        {['queued', 'running'].includes(run.status) && <Button onClick={() => void act('pause')}>{t('pace.synthesis.runs.pause')}</Button>}
        {['paused', 'failed'].includes(run.status) && <Button onClick={() => void act('resume')}>{t('pace.synthesis.runs.resume')}</Button>}
        {['queued', 'running', 'pausing', 'paused', 'failed'].includes(run.status) && (
          <Button color="error" onClick={() => void act('cancel')}>{t('pace.synthesis.runs.cancel')}</Button>
        )}
        {/* answers in, pairs not all in items yet: ingest (again after a stop or a failure, it resumes), or stop it */}
        {run.status === 'completed' && run.stage === 'ingest' && (
          <>
            <Button onClick={() => void ingestAction(synthesisApi.ingest(run.id))}>{t('pace.synthesis.runs.ingest')}</Button>
            {run.progress.ingest && run.progress.ingest.done < run.progress.ingest.planned && (
              <Button color="error" onClick={() => void ingestAction(synthesisApi.stopIngest(run.id))}>{t('pace.synthesis.runs.ingest_stop')}</Button>
            )}
          </>
        )}
      </Stack>
      {run.failureReason && <Alert severity="error">{run.failureReason}</Alert>}
      {error && <Alert severity="error">{error}</Alert>}
      <Card variant="outlined">
        <CardContent>
          <Typography variant="subtitle1">{t('pace.synthesis.runs.progress')}</Typography>
          {[...STAGES, ...(run.progress.ingest ? (['ingest'] as const) : [])].map((s) => {
            const p = run.progress[s] ?? { planned: 0, done: 0, failed: 0 };
            const value = p.planned ? (100 * (p.done + p.failed)) / p.planned : 0;
            return (
              <Box key={s} sx={{ my: 1 }} data-testid={`synthesis-stage-${s}`}>
                <Typography variant="body2">{`${t(`pace.synthesis.runs.stages.${s}`)}: ${p.done}/${p.planned}${p.failed ? ` (${p.failed} ✗)` : ''}`}</Typography>
                <LinearProgress variant="determinate" value={value} />
              </Box>
            );
          })}
          <Typography variant="body2" color="text.secondary">
            {t('pace.synthesis.runs.in_flight', { n: run.progress.inFlight ?? 0 })} ·{' '}
            {t('pace.synthesis.runs.usage', { calls: u.calls ?? 0, prompt: u.promptTokens ?? 0, completion: u.completionTokens ?? 0, cost: (u.costUsd ?? 0).toFixed(4) })}
          </Typography>
          {run.estimate && (
            <Typography variant="body2" color="text.secondary">
              {t('pace.synthesis.runs.estimate')}: {t('pace.synthesis.runs.estimate_calls', { calls: run.estimate.calls, tokens: run.estimate.totalTokens, cost: run.estimate.costUsd.toFixed(4) })}
            </Typography>
          )}
        </CardContent>
      </Card>
      {/* once the answers are in, the run's pairs are ingested (decontaminated, imported) and its coverage report opens */}
      <Card variant="outlined" data-testid="synthesis-coverage-slot">
        <CardContent>
          <Typography variant="subtitle1">{t('pace.synthesis.runs.coverage')}</Typography>
          {run.stage === 'ingest' || run.stage === 'done' ? (
            <Button component={Link} to={`/synthesis/runs/${run.id}/coverage`} variant="outlined" size="small" sx={{ mt: 1 }}>
              {t('pace.synthesis.runs.coverage_open')}
            </Button>
          ) : (
            <Typography variant="body2" color="text.secondary">{t('pace.synthesis.runs.coverage_later')}</Typography>
          )}
        </CardContent>
      </Card>
      <Typography variant="subtitle1">{t('pace.synthesis.runs.failures', { n: run.failures })}</Typography>
      {failures.length > 0 && (
        <Table size="small" aria-label={t('pace.synthesis.runs.failures', { n: run.failures })}>
          <TableHead>
            <TableRow>
              <TableCell>{t('pace.synthesis.runs.stage')}</TableCell>
              <TableCell>Code</TableCell>
              <TableCell />
              <TableCell>{t('pace.synthesis.runs.failure_raw')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {failures.map((f) => (
              <TableRow key={f.id}>
                <TableCell>{`${t(`pace.synthesis.runs.stages.${f.stage}`, { _: f.stage })}${f.discipline ? ` · ${f.discipline}` : ''}`}</TableCell>
                <TableCell>{f.code}</TableCell>
                <TableCell>{f.message}</TableCell>
                <TableCell>
                  <Box component="pre" sx={{ whiteSpace: 'pre-wrap', maxHeight: 160, overflow: 'auto', m: 0, fontSize: 12 }}>{f.raw ?? ''}</Box>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
};
