import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { usePermissions, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { SPLITS, type Split } from '../../../server/items/item-views';
import { useLeadAction } from '../dashboard/useLeadAction';
import { itemActionsApi } from './itemActions';
import type { ItemRecord } from './itemRecord';

const P = 'pace.item_actions.page';
const NONE = 'none';

/** A lead puts the item in a split by hand, from a dialog that says its status and split first; a frozen item refuses (the server says why). */
export const ItemSplitAction = () => {
  const item = useRecordContext<ItemRecord>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const { permissions } = usePermissions<string>();
  const { busy, run } = useLeadAction();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<Split | typeof NONE>(NONE);
  if (!item || (permissions !== 'lead' && permissions !== 'admin') || item.status === 'reference') return null;
  const splitName = (s: string | null) => (s ? translate(`pace.split.${s}`) : translate('pace.item_actions.no_split'));
  const split = target === NONE ? null : target;
  const save = () =>
    run(
      () => itemActionsApi.setSplit(item.id, split),
      (r) => [r.updated ? `${P}.split_saved` : `${P}.split_unchanged`, { id: item.id, split: splitName(split) }],
      () => {
        setOpen(false);
        refresh();
      },
    );
  return (
    <>
      <Button
        variant="outlined"
        size="small"
        onClick={() => {
          setTarget(item.split ?? NONE);
          setOpen(true);
        }}
      >
        {translate(`${P}.split`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} aria-labelledby="split-title">
        <DialogTitle id="split-title">{translate(`${P}.split_title`, { id: item.id })}</DialogTitle>
        <DialogContent>
          <DialogContentText>{translate(`${P}.status_now`, { id: item.id, status: translate(`pace.item_status.${item.status}`) })}</DialogContentText>
          <DialogContentText sx={{ mb: 2 }}>{translate(`${P}.split_now`, { split: splitName(item.split) })}</DialogContentText>
          <TextField select label={translate('pace.item_actions.split_to')} value={target} onChange={(e) => setTarget(e.target.value as Split | typeof NONE)} fullWidth>
            {[...SPLITS, NONE].map((s) => (
              <MenuItem key={s} value={s}>
                {splitName(s === NONE ? null : s)}
              </MenuItem>
            ))}
          </TextField>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setOpen(false)}>{translate('pace.item_actions.cancel')}</Button>
          <Button variant="contained" disabled={busy || split === item.split} onClick={save}>
            {translate(`${P}.split_save`)}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
};
