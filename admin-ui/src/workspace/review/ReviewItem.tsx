import { Box, Chip, Grid, List, ListItem, ListItemIcon, ListItemText, Paper, Stack, Typography } from '@mui/material';
import type { Ref } from 'react';
import { useTranslate } from 'react-admin';
import { Conversation } from '../shared/Conversation';
import { goldAsMarkdown } from '../../markdown/normalizeMath';
import { Markdown } from '../shared/Markdown';
import { TextDiff } from '../shared/TextDiff';
import type { ReviewLease } from '../shared/types';
import { UnifiedDiff } from './UnifiedDiff';

const LETTERS = 'ABCDEFGHIJ';

/** The item to judge: the conversation (scrolled by J/K) beside the answer and what the round is about. */
export const ReviewItem = ({ lease, scrollRef }: { lease: ReviewLease; scrollRef?: Ref<HTMLDivElement> }) => {
  const translate = useTranslate();
  const { item, distractor, revision } = lease;
  const lastAnswer = item.messages.findLast((m) => m.role === 'assistant')?.content ?? '';
  return (
    <Grid container spacing={2}>
      <Grid size={{ xs: 12, md: 7 }}>
        <Box
          ref={scrollRef}
          tabIndex={-1}
          aria-label={scrollRef ? translate('pace.workspace.item.conversation') : undefined}
          sx={{ maxHeight: { md: 'calc(100vh - 300px)' }, overflowY: 'auto', pr: 1 }}
        >
          <Conversation messages={item.messages} />
        </Box>
      </Grid>
      <Grid size={{ xs: 12, md: 5 }}>
        <Stack spacing={2}>
          {distractor && (
            <Paper variant="outlined" sx={{ p: 2, borderColor: 'warning.main' }}>
              <Typography variant="subtitle2">
                {translate('pace.workspace.review.distractor_under_review', { kind: translate(`pace.workspace.review.distractor_kind.${distractor.kind}`) })}
              </Typography>
              <Markdown text={distractor.text} />
              <Typography variant="subtitle2" sx={{ mt: 1 }}>
                {translate('pace.workspace.review.distractor_vs_gold')}
              </Typography>
              <TextDiff before={item.gold ?? lastAnswer} after={distractor.text} label={translate('pace.workspace.review.distractor_vs_gold')} />
            </Paper>
          )}
          {revision && (
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Typography variant="subtitle2">{translate('pace.workspace.review.revision_diff')}</Typography>
              {revision.diff && <UnifiedDiff diff={revision.diff} />}
              {revision.comment && <Typography variant="body2">{translate('pace.workspace.review.revision_comment', { comment: revision.comment })}</Typography>}
            </Paper>
          )}
          <Paper variant="outlined" sx={{ p: 2 }} aria-label={translate('pace.workspace.item.gold')} role="region">
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
              <Typography variant="subtitle2">{translate('pace.workspace.item.gold')}</Typography>
              <Chip size="small" variant="outlined" label={translate(`pace.answer_type.${item.answerType}`)} />
            </Stack>
            {item.gold !== null ? (
              <Markdown text={goldAsMarkdown(item.answerType, item.gold)} />
            ) : (
              <Typography variant="body2" color="text.secondary">
                {translate('pace.workspace.item.gold_is_last_turn')}
              </Typography>
            )}
          </Paper>
          {item.choices && item.choices.length > 0 && (
            <Paper variant="outlined" sx={{ p: 2 }}>
              <Typography variant="subtitle2">{translate('pace.workspace.item.choices')}</Typography>
              <List dense disablePadding>
                {item.choices.map((choice, i) => (
                  <ListItem key={i} disableGutters>
                    <ListItemIcon sx={{ minWidth: 36 }}>
                      <Chip size="small" label={LETTERS[i] ?? i + 1} color={choice === item.gold || LETTERS[i] === item.gold ? 'success' : 'default'} />
                    </ListItemIcon>
                    <ListItemText primary={<Markdown text={choice} />} disableTypography />
                  </ListItem>
                ))}
              </List>
            </Paper>
          )}
        </Stack>
      </Grid>
    </Grid>
  );
};
