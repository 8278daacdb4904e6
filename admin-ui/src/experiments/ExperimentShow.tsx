import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import { Alert, Box, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { ChartDownloads } from './ChartDownloads';
import { CheckpointsTable } from './CheckpointsTable';
import { EvaluationsTable } from './EvaluationsTable';
import { ProgressLine, StatusChip } from './ExperimentStatus';
import { experimentsApi } from './experimentsApi';
import { isActive, type ExperimentView } from './experimentTypes';
import { useFormats } from './format';
import { HyperParamsTable } from './HyperParamsTable';
import { keys, useExperiment } from './liveExperiments';
import { LossCurve } from './LossCurve';
import { RunLog } from './RunLog';
import { ScoreTable } from './ScoreTable';

const S = 'pace.experiments.show';

const Section = ({ title, children }: { title: string; children: ReactNode }) => {
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }} component="section" aria-label={translate(title)}>
      <CardContent>
        <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
          {translate(title)}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
};

/** One experiment: its settings, live loss curve, checkpoints, evaluations, per-ability scores per epoch and log. */
export const ExperimentShow = () => {
  const translate = useTranslate();
  const id = useParams().id!;
  const { data: e, error } = useExperiment(id);
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('pace.experiments.load_failed', { message: error.message })}</Alert>;
  if (!e) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={e.name} />
      <Button component={Link} to="/experiments" startIcon={<ArrowBackIcon />} size="small">
        {translate(`${S}.back`)}
      </Button>
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
            <Typography variant="h5" component="h1">
              {e.name}
            </Typography>
            <StatusChip status={e.status} />
            <RunControls experiment={e} />
          </Stack>
          {e.status === 'failed' && (
            <Alert severity="error" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="failure-reason">
              {translate(`${S}.failed`, { reason: e.failureReason ?? translate(`${S}.no_reason`) })}
            </Alert>
          )}
          <Box sx={{ mt: 1, maxWidth: 640 }}>
            <ProgressLine experiment={e} />
          </Box>
          <Summary experiment={e} />
        </CardContent>
      </Card>
      <Section title="pace.experiments.curve.title">
        <LossCurve experimentId={id} />
        <ChartDownloads experimentId={id} />
      </Section>
      <Section title="pace.experiments.scores.title">
        <ScoreTable experimentId={id} />
      </Section>
      <Section title="pace.experiments.evaluations.title">
        <EvaluationsTable experimentId={id} />
      </Section>
      <Section title="pace.experiments.checkpoints.title">
        <CheckpointsTable experimentId={id} best={e.best?.epoch ?? null} evalBackend={e.hyperParams.evalBackend} />
      </Section>
      <Section title="pace.experiments.hyper.title">
        <HyperParamsTable params={e.hyperParams} seed={e.seed} />
      </Section>
      <Section title="pace.experiments.log.title">
        <RunLog experimentId={id} />
      </Section>
    </Box>
  );
};

const Summary = ({ experiment: e }: { experiment: ExperimentView }) => {
  const translate = useTranslate();
  const f = useFormats();
  const line = (key: string, value: ReactNode) => (
    <Typography variant="body2">
      {translate(`${S}.${key}`)}: {value}
    </Typography>
  );
  return (
    <Stack spacing={0.5} sx={{ mt: 1 }}>
      {line('base_model', `${e.baseModel.name}${e.baseModel.parameters != null ? ` (${f.compact(e.baseModel.parameters)})` : ''}`)}
      {line('version', <Link to={`/versions/${e.version.id}`}>{e.version.name}</Link>)}
      {line('recipe', e.recipe ? `${e.recipe.name}@${e.recipe.revision}` : translate('pace.experiments.list.whole_train'))}
      {e.best && line('best', translate('pace.experiments.list.best_value', { epoch: f.int(e.best.epoch), validation: f.pct(e.best.validation), test: f.pct(e.best.test) }))}
      {e.worker && line('worker', `${e.worker}${e.progress.device ? ` · ${e.progress.device}` : ''}${e.progress.precision ? ` · ${e.progress.precision}` : ''}`)}
      <Typography variant="caption" color="text.secondary">
        {[
          translate(`${S}.created`, { date: f.date(e.createdAt) }),
          e.startedAt && translate(`${S}.started`, { date: f.date(e.startedAt) }),
          e.finishedAt && translate(`${S}.finished`, { date: f.date(e.finishedAt) }),
          e.attempts > 1 && translate(`${S}.attempts`, { n: f.int(e.attempts) }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography>
    </Stack>
  );
};

const RunControls = ({ experiment }: { experiment: ExperimentView }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { mutate, isPending } = useMutation({
    mutationFn: (action: 'cancel' | 'resume') => experimentsApi.action(experiment.id, action),
    onSuccess: (view, action) => {
      queryClient.setQueryData(keys.one(experiment.id), view);
      void queryClient.invalidateQueries({ queryKey: keys.list });
      notify(`${S}.${action}_sent`, { type: 'info' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  if (experiment.status === 'queued' || experiment.status === 'running')
    return (
      <Button color="warning" variant="outlined" disabled={isPending} onClick={() => mutate('cancel')}>
        {translate(`${S}.cancel`)}
      </Button>
    );
  if (!isActive(experiment.status) && experiment.status !== 'completed')
    return (
      <Button variant="outlined" disabled={isPending} onClick={() => mutate('resume')}>
        {translate(`${S}.resume`)}
      </Button>
    );
  return null;
};
