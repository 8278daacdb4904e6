import { Box, Button, CircularProgress, Paper, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { post } from '../shared/api';
import { AbilityLabel } from '../shared/AbilityLabel';
import { Conversation } from '../shared/Conversation';
import { EmptyQueue } from '../shared/EmptyQueue';
import { LeaseCountdown } from '../shared/LeaseCountdown';
import { LeaseLostBanner } from '../shared/LeaseLostBanner';
import { LoadFailed } from '../shared/LoadFailed';
import type { DistractorTask } from '../shared/types';
import { useLeasedTask } from '../shared/useLeasedTask';
import { DistractorEditor } from './DistractorEditor';

const nextTask = () => post<DistractorTask>('/distractors/next');
const releasePath = (t: DistractorTask) => `/distractors/tasks/${t.task.id}/release`;

/** Write the fine and coarse distractors of an open-ended evaluation item. */
export const DistractorScreen = () => {
  const translate = useTranslate();
  const { state, fetchNext, skip, lose } = useLeasedTask(nextTask, releasePath);
  if (state.phase === 'loading')
    return (
      <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
        <CircularProgress aria-label="loading" />
      </Box>
    );
  if (state.phase === 'empty') return <EmptyQueue onRetry={fetchNext} />;
  if (state.phase === 'error') return <LoadFailed error={state.error} onRetry={fetchNext} />;
  if (state.phase === 'lost') return <LeaseLostBanner message={state.message} onNext={fetchNext} />;
  const { task } = state;
  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6" component="h2">
          {translate('pace.workspace.distractor.title', { id: task.item.id })}
        </Typography>
        <AbilityLabel ability={task.ability} />
        <Stack direction="row" spacing={1} alignItems="center" sx={{ ml: 'auto' }}>
          <LeaseCountdown
            key={task.task.id}
            expiresAt={task.task.expiresAt}
            onExpired={() => lose(translate('pace.workspace.lease.expired', { id: task.item.id }))}
          />
          <Tooltip title={translate('pace.workspace.lease.skip_hint')} describeChild>
            <Button onClick={skip}>{translate('pace.workspace.lease.skip')}</Button>
          </Tooltip>
        </Stack>
      </Stack>
      <Typography color="text.secondary">{translate('pace.workspace.distractor.intro')}</Typography>
      <Paper variant="outlined" sx={{ p: 2, maxHeight: 360, overflowY: 'auto' }}>
        <Conversation messages={task.item.messages} />
      </Paper>
      <DistractorEditor key={task.task.id} task={task} onSubmitted={fetchNext} onLost={lose} />
    </Stack>
  );
};
