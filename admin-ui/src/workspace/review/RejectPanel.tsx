import { Box, Button, Checkbox, FormControlLabel, FormGroup, FormHelperText, Paper, Stack, TextField, Typography } from '@mui/material';
import type { Ref } from 'react';
import { useTranslate } from 'react-admin';
import { REASON_CODES, type ReasonCode } from '../shared/types';

export interface RejectDraft {
  reasons: ReasonCode[];
  comment: string;
  /** Set by a refused submit: what to fix. */
  problem: 'reasons_required' | 'comment_required' | null;
}

interface Props {
  draft: RejectDraft;
  commentRef: Ref<HTMLInputElement>;
  onToggle: (reason: ReasonCode) => void;
  onComment: (comment: string) => void;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The reasons, numbered as their keys, and the comment; Enter in the comment submits, Esc leaves it. */
export const RejectPanel = ({ draft, commentRef, onToggle, onComment, onSubmit, onCancel }: Props) => {
  const translate = useTranslate();
  return (
    <Paper variant="outlined" sx={{ p: 2, borderColor: 'error.main' }} role="group" aria-label={translate('pace.workspace.review.reasons_title')}>
      <Typography variant="subtitle2" gutterBottom>
        {translate('pace.workspace.review.reasons_title')}
      </Typography>
      <FormGroup row>
        {REASON_CODES.map((code, i) => (
          <FormControlLabel
            key={code}
            control={<Checkbox size="small" checked={draft.reasons.includes(code)} onChange={() => onToggle(code)} />}
            label={
              <>
                <Box component="kbd" sx={{ mr: 0.75, fontFamily: 'monospace', color: 'text.secondary' }}>
                  {i + 1}
                </Box>
                {translate(`pace.workspace.review.reason.${code}`)}
              </>
            }
          />
        ))}
      </FormGroup>
      {draft.problem === 'reasons_required' && <FormHelperText error>{translate('pace.workspace.review.reasons_required')}</FormHelperText>}
      <TextField
        inputRef={commentRef}
        label={translate('pace.workspace.review.comment')}
        value={draft.comment}
        onChange={(e) => onComment(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            onSubmit();
          } else if (e.key === 'Escape') {
            e.stopPropagation();
            (e.target as HTMLElement).blur();
          }
        }}
        error={draft.problem === 'comment_required'}
        helperText={draft.problem === 'comment_required' ? translate('pace.workspace.review.comment_required') : ' '}
        required={draft.reasons.includes('other')}
        fullWidth
        multiline
        size="small"
        sx={{ mt: 1.5 }}
      />
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        <Button variant="contained" color="error" onClick={onSubmit}>
          {translate('pace.workspace.review.submit_reject')} (Enter)
        </Button>
        <Button onClick={onCancel}>{translate('pace.workspace.review.cancel')} (Esc)</Button>
      </Stack>
    </Paper>
  );
};
