import { Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, MenuItem, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useNotify, useTranslate } from 'react-admin';
import { SPLITS, type Split } from '../../../server/items/item-views';
import { groupBy, idList, itemActionsApi, plan, type LeadAction, type Outcome } from './itemActions';
import type { ItemRecord } from './itemRecord';

const A = 'pace.item_actions';
/** The split select's value for "no split" (the API's null). */
const NONE = 'none';

/**
 * A lead's action on chosen items: first their current status (read afresh) and what the action will move and skip,
 * then — confirmed, with a reason for a re-open — the server's answer: what it moved and what it refused.
 */
export function ItemActionDialog({ action, ids, onMoved, onClose }: { action: LeadAction; ids: number[]; onMoved: () => void; onClose: () => void }) {
  const translate = useTranslate();
  const notify = useNotify();
  const { data, isPending, error } = useGetList<ItemRecord>('items', {
    filter: { id: ids },
    pagination: { page: 1, perPage: Math.max(1, Math.min(ids.length, 1000)) },
    sort: { field: 'id', order: 'ASC' },
  });
  const [target, setTarget] = useState<Split | typeof NONE | ''>('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const items = data ?? [];
  const split: Split | null = target === NONE || target === '' ? null : target;
  const { move, skip } = plan(action, items, split);
  const missing = ids.filter((id) => !items.some((i) => i.id === id));
  const status = (s: string) => translate(`pace.item_status.${s}`);
  const splitName = (s: string | null) => (s ? translate(`pace.split.${s}`) : translate(`${A}.no_split`));
  const ready = !isPending && !error && !outcome;
  const canRun = ready && !busy && move.length > 0 && (action !== 'split' || target !== '') && (action !== 'reopen' || reason.trim() !== '');

  async function run() {
    setBusy(true);
    try {
      const result = await itemActionsApi.run(action, move.map((i) => i.id), { split, reason: reason.trim() });
      setOutcome(result);
      notify(`${A}.done`, { type: result.refused.length ? 'warning' : 'success', messageArgs: { moved: result.moved.length, refused: result.refused.length } });
      onMoved();
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const refusal = (r: Outcome['refused'][number]) =>
    r.frozen
      ? translate(`${A}.refused_reason.frozen`, { id: r.itemId })
      : r.status === null
        ? translate(`${A}.refused_reason.missing`, { id: r.itemId })
        : translate(`${A}.skip.${action}`, { id: r.itemId, status: status(r.status), split: '' });

  return (
    <Dialog open onClose={onClose} aria-labelledby="item-action-title" fullWidth maxWidth="sm">
      <DialogTitle id="item-action-title">{translate(`${A}.title.${action}`, { smart_count: ids.length })}</DialogTitle>
      <DialogContent>
        {isPending && <DialogContentText>{translate(`${A}.loading`)}</DialogContentText>}
        {error && <DialogContentText color="error">{translate(`${A}.load_failed`, { message: (error as Error).message })}</DialogContentText>}
        {ready && (
          <>
            <DialogContentText>{translate(`${A}.current`)}</DialogContentText>
            <ul aria-label={translate(`${A}.current`)}>
              {groupBy(items, 'status').map((g) => (
                <li key={g.value}>{translate(`${A}.status_count`, { status: status(g.value), smart_count: g.ids.length, ids: idList(g.ids) })}</li>
              ))}
            </ul>
            {missing.length > 0 && <DialogContentText color="warning.main">{translate(`${A}.missing`, { ids: idList(missing) })}</DialogContentText>}
            {action === 'split' && (
              <>
                <DialogContentText>{translate(`${A}.current_split`)}</DialogContentText>
                <ul aria-label={translate(`${A}.current_split`)}>
                  {groupBy(items, 'split').map((g) => (
                    <li key={g.value ?? NONE}>{translate(`${A}.status_count`, { status: splitName(g.value), smart_count: g.ids.length, ids: idList(g.ids) })}</li>
                  ))}
                </ul>
                <TextField select label={translate(`${A}.split_to`)} value={target} onChange={(e) => setTarget(e.target.value as Split | typeof NONE)} fullWidth margin="dense">
                  {[...SPLITS, NONE].map((s) => (
                    <MenuItem key={s} value={s}>
                      {splitName(s === NONE ? null : s)}
                    </MenuItem>
                  ))}
                </TextField>
                <DialogContentText variant="body2">{translate(`${A}.split_frozen`)}</DialogContentText>
              </>
            )}
            {action === 'reopen' && (
              <>
                <DialogContentText sx={{ mt: 1 }}>{translate(`${A}.reopen_intro`)}</DialogContentText>
                <ul>
                  {(['reopen_pool', 'reopen_frozen', 'reopen_split', 'reopen_audit'] as const).map((k) => (
                    <li key={k}>{translate(`${A}.${k}`)}</li>
                  ))}
                </ul>
              </>
            )}
            {(action !== 'split' || target !== '') && (
              <section aria-label="plan">
                {move.length > 0 ? (
                  <Typography sx={{ fontWeight: 500, mt: 1 }}>{translate(`${A}.will_move.${action}`, { smart_count: move.length, ids: idList(move.map((i) => i.id)), split: splitName(split) })}</Typography>
                ) : (
                  <Typography color="warning.main" sx={{ mt: 1 }}>{translate(`${A}.nothing`)}</Typography>
                )}
                {skip.length > 0 && (
                  <>
                    <Typography sx={{ mt: 1 }}>{translate(`${A}.will_skip`, { smart_count: skip.length })}</Typography>
                    <ul>
                      {skip.map((i) => (
                        <li key={i.id}>{translate(`${A}.skip.${action}`, { id: i.id, status: status(i.status), split: splitName(i.split) })}</li>
                      ))}
                    </ul>
                  </>
                )}
              </section>
            )}
            {action === 'reopen' && (
              <TextField label={translate(`${A}.reason`)} value={reason} onChange={(e) => setReason(e.target.value)} fullWidth multiline minRows={2} margin="dense" required />
            )}
          </>
        )}
        {outcome && (
          <section aria-label="outcome">
            <Typography>{outcome.moved.length ? translate(`${A}.moved.${action}`, { smart_count: outcome.moved.length, ids: idList(outcome.moved) }) : translate(`${A}.moved_none`)}</Typography>
            {outcome.refused.length > 0 && (
              <>
                <Typography color="warning.main" sx={{ mt: 1 }}>{translate(`${A}.refused`, { smart_count: outcome.refused.length })}</Typography>
                <ul>
                  {outcome.refused.map((r) => (
                    <li key={r.itemId}>{refusal(r)}</li>
                  ))}
                </ul>
              </>
            )}
          </section>
        )}
      </DialogContent>
      <DialogActions>
        {outcome ? (
          <Button onClick={onClose}>{translate(`${A}.close`)}</Button>
        ) : (
          <>
            <Button onClick={onClose}>{translate(`${A}.cancel`)}</Button>
            <Button variant="contained" color={action === 'reopen' ? 'warning' : 'primary'} disabled={!canRun} onClick={run}>
              {translate(`${A}.confirm.${action}`)}
            </Button>
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}
