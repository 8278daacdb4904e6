import { Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import type { Taxonomy, TaxonomyNode } from './taxonomiesApi';
import { moveTargets } from './treeOps';

const M = 'pace.taxonomies.node';

export const NameDialog = ({ title, initial, onSave, onCancel }: { title: string; initial: string; onSave: (name: string) => Promise<void>; onCancel: () => void }) => {
  const translate = useTranslate();
  const [name, setName] = useState(initial);
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="xs">
      <DialogTitle>{title}</DialogTitle>
      <DialogContent>
        <TextField
          autoFocus
          fullWidth
          sx={{ mt: 1 }}
          label={translate(`${M}.name`)}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && name.trim()) void onSave(name);
          }}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate(`${M}.cancel`)}</Button>
        <Button variant="contained" disabled={!name.trim()} onClick={() => void onSave(name)}>
          {translate(`${M}.save`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

/** "Move to…": the parents the node fits under (the top level for a field). */
export const MoveDialog = ({ tree, node, onMove, onCancel }: { tree: Taxonomy; node: TaxonomyNode; onMove: (parentId: string | null) => Promise<void>; onCancel: () => void }) => {
  const translate = useTranslate();
  const targets = moveTargets(tree, node);
  const [target, setTarget] = useState<string>(targets[0] ? (targets[0].id ?? '') : '');
  return (
    <Dialog open onClose={onCancel} fullWidth maxWidth="sm">
      <DialogTitle>
        {translate(`${M}.move`)} {node.name}
      </DialogTitle>
      <DialogContent>
        <TextField select fullWidth sx={{ mt: 1 }} label={translate(`${M}.move`)} value={target} onChange={(e) => setTarget(e.target.value)} inputProps={{ 'aria-label': translate(`${M}.move`) }}>
          {targets.map((t) => (
            <MenuItem key={t.id ?? ''} value={t.id ?? ''}>
              {t.id === null ? translate(`${M}.top_level`) : t.label}
            </MenuItem>
          ))}
        </TextField>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate(`${M}.cancel`)}</Button>
        <Button variant="contained" disabled={targets.length === 0} onClick={() => void onMove(target === '' ? null : target)}>
          {translate(`${M}.save`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
};

export const ConfirmDialog = ({ text, onConfirm, onCancel }: { text: string; onConfirm: () => Promise<void>; onCancel: () => void }) => {
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open onClose={onCancel}>
      <DialogContent>{text}</DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{translate(`${M}.cancel`)}</Button>
        <Button
          variant="contained"
          color="error"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void onConfirm().finally(() => setBusy(false));
          }}
        >
          {translate('ra.action.confirm')}
        </Button>
      </DialogActions>
    </Dialog>
  );
};
