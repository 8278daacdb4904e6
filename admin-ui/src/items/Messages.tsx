import { Box, Chip, FormControlLabel, Paper, Stack, Switch } from '@mui/material';
import { useRecordContext, useStore, useTranslate } from 'react-admin';
import type { ChatMessage, ItemRecord } from './itemRecord';
import { langOf, Markdown } from './Markdown';

/**
 * A conversation turn by turn, rendered as markdown with highlighted code, or as the plain text it was written in
 * (a switch, remembered). Reads `messages` from the record unless given.
 */
export const Messages = ({ messages }: { label?: string; messages?: ChatMessage[] }) => {
  const record = useRecordContext<Pick<ItemRecord, 'id' | 'messages'>>();
  const translate = useTranslate();
  const [plain, setPlain] = useStore('items.messages.plain', false);
  const turns = messages ?? record?.messages;
  if (!turns) return null;
  return (
    <Stack spacing={1.5} sx={{ maxWidth: 960 }}>
      <FormControlLabel
        control={<Switch size="small" checked={plain} onChange={(e) => setPlain(e.target.checked)} />}
        label={translate('resources.items.messages.plain')}
        sx={{ alignSelf: 'flex-end' }}
      />
      {turns.map((message, i) => (
        <Paper key={i} variant="outlined" sx={{ p: 1.5, bgcolor: message.role === 'assistant' ? 'action.hover' : 'background.paper' }}>
          <Chip size="small" label={translate(`pace.message_role.${message.role}`)} sx={{ mb: 1 }} />
          {plain ? (
            <Box lang={langOf(message.content)} sx={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
              {message.content}
            </Box>
          ) : (
            <Markdown>{message.content}</Markdown>
          )}
        </Paper>
      ))}
    </Stack>
  );
};
