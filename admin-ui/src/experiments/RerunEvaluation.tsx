import ReplayIcon from '@mui/icons-material/Replay';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { storeEvaluation } from './evaluationCache';
import { experimentsApi } from './experimentsApi';
import { EVALUATION_BACKENDS, type EvaluationBackendKind } from './experimentTypes';
import { keys } from './liveExperiments';

const R = 'pace.experiments.rerun';

/**
 * "Evaluate again" for one checkpoint (epoch 0: the base model), after a confirmation that names what is lost: an
 * earlier evaluation with the same back-end is restarted from scratch, its stored answers and scores discarded.
 */
export const RerunEvaluation = ({ experimentId, epoch, defaultBackend }: { experimentId: string; epoch: number; defaultBackend: EvaluationBackendKind }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [backend, setBackend] = useState<EvaluationBackendKind>(defaultBackend);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { mutate, isPending } = useMutation({
    mutationFn: () => experimentsApi.rerunEvaluation({ experimentId, epoch, backend }),
    onSuccess: (view) => {
      storeEvaluation(queryClient, view);
      void queryClient.invalidateQueries({ queryKey: keys.part(experimentId, 'scores') });
      setOpen(false);
      notify(`${R}.queued`, { type: 'info', messageArgs: { epoch, backend: view.backend } });
    },
    onError: (e: Error) => setRefusal(e.message),
  });
  const what = epoch === 0 ? translate(`${R}.base_model`) : translate(`${R}.epoch`, { epoch });
  const start = () => {
    setBackend(defaultBackend);
    setRefusal(null);
    setOpen(true);
  };
  return (
    <>
      <Button size="small" startIcon={<ReplayIcon />} onClick={start} aria-label={translate(`${R}.button_for`, { what })}>
        {translate(epoch === 0 ? `${R}.button_base` : `${R}.button`)}
      </Button>
      <Dialog open={open} onClose={() => !isPending && setOpen(false)} aria-labelledby={`rerun-${epoch}-title`}>
        <DialogTitle id={`rerun-${epoch}-title`}>{translate(`${R}.title`, { what })}</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{translate(`${R}.explain`)}</DialogContentText>
          <TextField select fullWidth size="small" label={translate(`${R}.backend`)} value={backend} onChange={(e) => setBackend(e.target.value as EvaluationBackendKind)} helperText={translate(`${R}.backend_help.${backend}`)}>
            {EVALUATION_BACKENDS.map((b) => (
              <MenuItem key={b} value={b}>
                {b}
              </MenuItem>
            ))}
          </TextField>
          {refusal && (
            <Alert severity="error" sx={{ mt: 2 }}>
              {translate(`${R}.refused`, { message: refusal })}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)} disabled={isPending}>
            {translate(`${R}.cancel`)}
          </Button>
          <Button variant="contained" onClick={() => mutate()} disabled={isPending}>
            {translate(`${R}.confirm`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
