import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { dashboardApi } from '../dashboard/dashboardApi';
import { useLeadAction } from '../dashboard/useLeadAction';
import type { ItemRecord } from './itemRecord';

const L = 'resources.items.revision';
const P = 'pace.item_actions.page';

/**
 * A lead's revision action on the item page, by the item's status (the server's item life-cycle, send_to_revision and
 * reopen), each in a dialog that says the item's status first: a rejected or unanswered item goes to revision once
 * confirmed; an accepted one is re-opened only after a dialog that names the consequences and takes a reason for the
 * audit log.
 */
export const ItemRevisionAction = () => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  const { busy, run } = useLeadAction();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!item || (permissions !== 'lead' && permissions !== 'admin')) return null;
  const statusNow = <DialogContentText sx={{ mb: 1 }}>{translate(`${P}.status_now`, { id: item.id, status: translate(`pace.item_status.${item.status}`) })}</DialogContentText>;
  const close = () => {
    setOpen(false);
    setReason('');
    refresh();
  };

  if (item.status === 'rejected' || item.status === 'needs_answer') {
    const send = () =>
      run(
        () => dashboardApi.sendItemsToRevision([item.id]),
        // the item may have moved since the page was read: the server skips it then, and says its status
        (r) => (r.sent ? [`${L}.sent`, { id: item.id }] : [`${P}.not_sent`, { id: item.id, status: translate(`pace.item_status.${r.skipped?.[0]?.status ?? item.status}`) }]),
        close,
      );
    return (
      <>
        <Button variant="contained" size="small" onClick={() => setOpen(true)}>
          {translate(`${L}.send`)}
        </Button>
        <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="send-title">
          <DialogTitle id="send-title">{translate(`${P}.send_title`, { id: item.id })}</DialogTitle>
          <DialogContent>
            {statusNow}
            <DialogContentText>{translate(`${P}.send_intro`)}</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate(`${L}.cancel`)}</Button>
            <Button variant="contained" disabled={busy} onClick={send}>
              {translate(`${P}.send_confirm`)}
            </Button>
          </DialogActions>
        </Dialog>
      </>
    );
  }
  if (item.status !== 'accepted') return null;

  const reopen = () => run(() => dashboardApi.reopenItems([item.id], reason.trim()), () => [`${L}.reopened`, { id: item.id }], close);
  const split = item.split ? translate(`pace.split.${item.split}`) : translate(`${L}.no_split`);
  return (
    <>
      <Button variant="outlined" color="warning" size="small" onClick={() => setOpen(true)}>
        {translate(`${L}.reopen`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="reopen-title">
        <DialogTitle id="reopen-title">{translate(`${L}.dialog_title`, { id: item.id })}</DialogTitle>
        <DialogContent>
          {statusNow}
          <DialogContentText>{translate(item.reviewMode === 'single' || item.reviewMode === 'none' ? `${L}.dialog_intro_${item.reviewMode}` : `${L}.dialog_intro`)}</DialogContentText>
          <ul>
            {/* a revised single or none item is validated by one reviewer (server/reviews/review-mode-rules.ts) */}
            <li>{translate(item.reviewMode === 'single' || item.reviewMode === 'none' ? `${L}.consequence_pool_one` : `${L}.consequence_pool`)}</li>
            <li>{translate(`${L}.consequence_frozen`)}</li>
            <li>{translate(`${L}.consequence_split`, { split })}</li>
            <li>{translate(`${L}.consequence_audit`)}</li>
          </ul>
          <TextField label={translate(`${L}.reason`)} value={reason} onChange={(e) => setReason(e.target.value)} fullWidth multiline minRows={2} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate(`${L}.cancel`)}</Button>
          <Button variant="contained" color="warning" disabled={busy} onClick={reopen}>
            {translate(`${L}.confirm`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
