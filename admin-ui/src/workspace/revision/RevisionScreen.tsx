import { Box, Button, CircularProgress, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { post } from '../shared/api';
import { AbilityLabel } from '../shared/AbilityLabel';
import { EmptyQueue } from '../shared/EmptyQueue';
import { LeaseCountdown } from '../shared/LeaseCountdown';
import { LeaseLostBanner } from '../shared/LeaseLostBanner';
import { LoadFailed } from '../shared/LoadFailed';
import type { RevisionTask } from '../shared/types';
import { useLeasedTask } from '../shared/useLeasedTask';
import { ReviewHistory } from './ReviewHistory';
import { RevisionEditor } from './RevisionEditor';

const nextRevision = () => post<RevisionTask>('/revisions/next');
const releasePath = (t: RevisionTask) => `/revisions/${t.revision.id}/release`;

/** Revise an item that reviewers sent back: the earlier reasons on top, then the side-by-side editor. */
export const RevisionScreen = () => {
  const translate = useTranslate();
  const { state, fetchNext, skip, lose } = useLeasedTask(nextRevision, releasePath);
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
          {translate('pace.workspace.revision.title', { id: task.item.id })}
        </Typography>
        <AbilityLabel ability={task.item.ability} />
        <Typography variant="body2" color="text.secondary">
          {translate('pace.workspace.item.source', { name: task.item.source.name })}
        </Typography>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ ml: 'auto' }}>
          <LeaseCountdown
            key={task.revision.id}
            expiresAt={task.revision.expiresAt}
            onExpired={() => lose(translate('pace.workspace.lease.expired', { id: task.item.id }))}
          />
          <Tooltip title={translate('pace.workspace.lease.skip_hint')} describeChild>
            <Button onClick={skip}>{translate('pace.workspace.lease.skip')}</Button>
          </Tooltip>
        </Stack>
      </Stack>
      <ReviewHistory history={task.history} />
      <RevisionEditor key={task.revision.id} task={task} onSubmitted={fetchNext} onLost={lose} />
    </Stack>
  );
};
