import { Button, Stack } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNotify, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { storeEvaluation } from './evaluationCache';
import { experimentsApi } from './experimentsApi';
import { canCancelEvaluation, canResumeEvaluation, type EvaluationView } from './experimentTypes';

const E = 'pace.experiments.evaluations';

/** Cancel (queued or running) or resume (cancelled or failed: the answers it stored are kept) one evaluation. */
export const EvaluationControls = ({ evaluation }: { evaluation: EvaluationView }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { mutate, isPending } = useMutation({
    mutationFn: (action: 'cancel' | 'resume') => experimentsApi.evaluationAction(evaluation.id, action),
    onSuccess: (view, action) => {
      storeEvaluation(queryClient, view);
      notify(`${E}.${action}_sent`, { type: 'info', messageArgs: { epoch: view.epoch } });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  const epoch = { epoch: evaluation.epoch, backend: evaluation.backend };
  if (canCancelEvaluation(evaluation.status))
    return (
      <Button size="small" color="warning" variant="outlined" disabled={isPending} onClick={() => mutate('cancel')} aria-label={translate(`${E}.cancel_for`, epoch)}>
        {translate(`${E}.cancel`)}
      </Button>
    );
  if (canResumeEvaluation(evaluation.status))
    return (
      <Button size="small" variant="outlined" disabled={isPending} onClick={() => mutate('resume')} aria-label={translate(`${E}.resume_for`, epoch)}>
        {translate(`${E}.resume`)}
      </Button>
    );
  return null;
};

/** The evaluations table's actions: its per-item results, and cancel or resume. */
export const EvaluationActions = ({ evaluation }: { evaluation: EvaluationView }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1} alignItems="center">
      <Button
        size="small"
        component={Link}
        to={`/experiments/${evaluation.experimentId}/evaluations/${evaluation.id}`}
        aria-label={translate(`${E}.results_for`, { epoch: evaluation.epoch, backend: evaluation.backend })}
      >
        {translate(`${E}.results`)}
      </Button>
      <EvaluationControls evaluation={evaluation} />
    </Stack>
  );
};
