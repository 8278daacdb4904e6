import { Chip, Paper, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { Markdown } from './Markdown';
import type { ChatMessage } from './types';

/** The conversation turn by turn, each rendered as markdown. */
export const Conversation = ({ messages }: { messages: ChatMessage[] }) => {
  const translate = useTranslate();
  return (
    <Stack spacing={1.5}>
      {messages.map((message, i) => (
        <Paper
          key={i}
          variant="outlined"
          data-role={message.role}
          sx={{ px: 2, py: 1.5, bgcolor: message.role === 'assistant' ? 'action.hover' : 'background.paper' }}
        >
          <Chip size="small" label={translate(`pace.message_role.${message.role}`)} />
          <Markdown text={message.content} />
        </Paper>
      ))}
    </Stack>
  );
};
