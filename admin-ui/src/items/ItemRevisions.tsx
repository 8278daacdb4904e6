import { Paper, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { DiffView } from './DiffView';
import { HistoryState } from './HistoryState';
import { useItemHistory } from './itemHistory';
import type { ItemRecord } from './itemRecord';
import { useFormatDate } from '../i18n/dates';

const H = 'resources.items.history';

/** Submitted revisions, oldest first: who revised, why (their comment) and the change as a diff. `label={false}`: no label above it in a tab. */
export const ItemRevisions = (_props: { label?: false }) => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const query = useItemHistory(item?.id, 'revisions');
  return (
    <HistoryState query={query} empty={`${H}.no_revisions`}>
      {() => (
        <Stack spacing={2}>
          {query.data!.map((revision) => (
            <Paper key={revision.id} variant="outlined" sx={{ p: 1.5 }} component="section">
              <Typography variant="subtitle1" component="h3">
                {translate(`${H}.revised_by`, { name: revision.reviserName, date: formatDate(revision.submittedAt) })}
              </Typography>
              {revision.comment && <Typography sx={{ whiteSpace: 'pre-wrap', my: 1 }}>{revision.comment}</Typography>}
              {revision.diff ? <DiffView diff={revision.diff} /> : <Typography color="text.secondary">{translate(`${H}.no_diff`)}</Typography>}
            </Paper>
          ))}
        </Stack>
      )}
    </HistoryState>
  );
};
