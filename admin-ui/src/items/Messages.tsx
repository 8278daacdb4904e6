import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import type { ItemRecord } from './itemRecord';

/** The conversation, turn by turn, with the text as written (line breaks kept, nothing interpreted). */
export const Messages = (_props: { label?: string }) => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  if (!item) return null;
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 960 }}>
      {item.messages.map((message, i) => (
        <Paper
          key={i}
          variant="outlined"
          sx={{ p: 1.5, bgcolor: message.role === 'assistant' ? 'action.hover' : 'background.paper' }}
        >
          <Chip size="small" label={translate(`pace.message_role.${message.role}`)} sx={{ mb: 1 }} />
          <Typography component={Box} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
            {message.content}
          </Typography>
        </Paper>
      ))}
    </Stack>
  );
};
