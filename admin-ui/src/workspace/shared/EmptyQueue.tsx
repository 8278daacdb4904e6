import InboxOutlined from '@mui/icons-material/InboxOutlined';
import { Button, Paper, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The queue answered 204: nothing for this person right now. */
export const EmptyQueue = ({ onRetry }: { onRetry: () => void }) => {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 6 }}>
      <Stack spacing={2} alignItems="center" textAlign="center">
        <InboxOutlined sx={{ fontSize: 56, color: 'text.secondary' }} />
        <Typography variant="h6" component="h2">
          {translate('pace.workspace.empty.title')}
        </Typography>
        <Typography color="text.secondary">{translate('pace.workspace.empty.body')}</Typography>
        <Button variant="contained" onClick={onRetry}>
          {translate('pace.workspace.empty.retry')}
        </Button>
      </Stack>
    </Paper>
  );
};
