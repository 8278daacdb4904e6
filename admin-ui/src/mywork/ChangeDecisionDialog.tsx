import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, Radio, RadioGroup, TextField } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { ApiError, put } from '../workspace/shared/api';
import { REASON_CODES, type ReasonCode } from '../workspace/shared/types';
import type { DecisionChanged, MyWorkEntry } from './myWorkTypes';

const M = 'pace.my_work';
const R = 'pace.workspace.review';

/**
 * Changes the reviewer's decision on a round that is still open (PUT /reviews/:leaseId/decision), with the rules the
 * workspace applies: a rejection needs a reason, "Other" a comment. The server's refusal (the round was decided in
 * the meantime: 409) is shown as it says it.
 */
export const ChangeDecisionDialog = ({ entry, onClose, onDone }: { entry: MyWorkEntry; onClose: () => void; onDone: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [decision, setDecision] = useState(entry.decision ?? 'approve');
  const [reasons, setReasons] = useState<ReasonCode[]>(entry.reasons);
  const [comment, setComment] = useState(entry.comment ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const missingReason = decision === 'reject' && reasons.length === 0;
  const missingComment = decision === 'reject' && reasons.includes('other') && !comment.trim();

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await put<DecisionChanged>(`/reviews/${entry.refId}/decision`, {
        decision,
        reasons: decision === 'reject' ? reasons : [],
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      notify(`${M}.change.done`, { type: 'success' });
      onDone();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      setSaving(false);
    }
  };

  const toggle = (r: ReasonCode) => setReasons((rs) => (rs.includes(r) ? rs.filter((x) => x !== r) : [...rs, r]));
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth>
      <DialogTitle>{translate(`${M}.change.title`, { id: entry.itemId })}</DialogTitle>
      <DialogContent>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate(`${M}.change.help`)}
        </Alert>
        <RadioGroup row value={decision} onChange={(e) => setDecision(e.target.value as 'approve' | 'reject')}>
          <FormControlLabel value="approve" control={<Radio />} label={translate(`${R}.approve`)} />
          <FormControlLabel value="reject" control={<Radio />} label={translate(`${R}.reject`)} />
        </RadioGroup>
        {decision === 'reject' && (
          <FormGroup>
            {REASON_CODES.map((r) => (
              <FormControlLabel key={r} control={<Checkbox checked={reasons.includes(r)} onChange={() => toggle(r)} />} label={translate(`${R}.reason.${r}`)} />
            ))}
          </FormGroup>
        )}
        <TextField
          label={translate(`${R}.comment`)}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          fullWidth
          multiline
          minRows={2}
          sx={{ mt: 1 }}
          error={missingComment}
          helperText={missingReason ? translate(`${R}.reasons_required`) : missingComment ? translate(`${R}.comment_required`) : undefined}
        />
        {error && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate(`${M}.change.cancel`)}</Button>
        <Button variant="contained" onClick={save} disabled={saving || missingReason || missingComment}>
          {translate(`${M}.change.save`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
