import { Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { post } from '../shared/api';
import { Conversation } from '../shared/Conversation';
import { LeasedTaskView } from '../shared/LeasedTaskView';
import { TaskHeader } from '../shared/TaskHeader';
import type { DistractorTask } from '../shared/types';
import { useLeasedTask } from '../shared/useLeasedTask';
import { DistractorEditor } from './DistractorEditor';

const nextTask = () => post<DistractorTask>('/distractors/next');
const releasePath = (t: DistractorTask) => `/distractors/tasks/${t.task.id}/release`;

/** Write the fine and coarse distractors of an open-ended evaluation item. */
export const DistractorScreen = () => {
  const translate = useTranslate();
  const leased = useLeasedTask(nextTask, releasePath);
  return (
    <LeasedTaskView leased={leased}>
      {(task) => (
        <Stack spacing={2}>
          <TaskHeader
            title={translate('pace.workspace.distractor.title', { id: task.item.id })}
            itemId={task.item.id}
            ability={task.ability}
            lease={task.task}
            onLost={leased.lose}
            onSkip={leased.skip}
          />
          <Typography color="text.secondary">{translate('pace.workspace.distractor.intro')}</Typography>
          <Paper variant="outlined" sx={{ p: 2, maxHeight: 360, overflowY: 'auto' }}>
            <Conversation messages={task.item.messages} />
          </Paper>
          <DistractorEditor key={task.task.id} task={task} onSubmitted={leased.fetchNext} onLost={leased.lose} />
        </Stack>
      )}
    </LeasedTaskView>
  );
};
