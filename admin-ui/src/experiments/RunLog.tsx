import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { experimentsApi } from './experimentsApi';
import { keys } from './liveExperiments';

/** The tail of the trainer's log (read again when the run's status or checkpoints change, or on demand). */
export const RunLog = ({ experimentId }: { experimentId: string }) => {
  const translate = useTranslate();
  const { data, error, isPending, refetch, isFetching } = useQuery({
    queryKey: keys.part(experimentId, 'log'),
    queryFn: () => experimentsApi.log(experimentId),
    // a run that has not started has no log yet (404): say so at once rather than after three retries
    retry: false,
  });
  // 404: the run wrote no log (yet); said in the interface language rather than the server's English
  if (error && (error as { status?: number }).status === 404) return <Alert severity="info">{translate('pace.experiments.log.none_yet')}</Alert>;
  if (error) return <Alert severity="warning">{translate('pace.experiments.log.unavailable', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  const lines = data.split('\n');
  const tail = lines.slice(-400).join('\n');
  return (
    <Box>
      <Button size="small" disabled={isFetching} onClick={() => void refetch()}>
        {translate('pace.experiments.log.refresh')}
      </Button>
      {data.trim() === '' ? (
        <Typography color="text.secondary">{translate('pace.experiments.log.empty')}</Typography>
      ) : (
        <Box
          component="pre"
          data-testid="run-log"
          sx={{ fontFamily: 'monospace', fontSize: 12, bgcolor: 'grey.100', p: 1, maxHeight: 360, overflow: 'auto', whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
        >
          {tail}
        </Box>
      )}
    </Box>
  );
};
