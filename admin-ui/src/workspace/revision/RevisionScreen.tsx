import { Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { post } from '../shared/api';
import { LeasedTaskView } from '../shared/LeasedTaskView';
import { TaskHeader } from '../shared/TaskHeader';
import type { RevisionTask } from '../shared/types';
import { useLeasedTask } from '../shared/useLeasedTask';
import { ReviewHistory } from './ReviewHistory';
import { RevisionEditor } from './RevisionEditor';

const nextRevision = () => post<RevisionTask>('/revisions/next');
const releasePath = (t: RevisionTask) => `/revisions/${t.revision.id}/release`;

/** Revise an item that reviewers sent back: the earlier reasons on top, then the side-by-side editor. */
export const RevisionScreen = () => {
  const translate = useTranslate();
  const leased = useLeasedTask(nextRevision, releasePath);
  return (
    <LeasedTaskView leased={leased}>
      {(task) => (
        <Stack spacing={2}>
          <TaskHeader
            title={translate('pace.workspace.revision.title', { id: task.item.id })}
            itemId={task.item.id}
            ability={task.item.ability}
            source={task.item.source.name}
            lease={task.revision}
            onLost={leased.lose}
            onSkip={leased.skip}
          />
          <ReviewHistory history={task.history} />
          <RevisionEditor key={task.revision.id} task={task} onSubmitted={leased.fetchNext} onLost={leased.lose} />
        </Stack>
      )}
    </LeasedTaskView>
  );
};
