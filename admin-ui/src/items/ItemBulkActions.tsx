import { Button } from '@mui/material';
import { useState } from 'react';
import { useListContext, useRefresh, useTranslate } from 'react-admin';
import { ItemActionDialog } from './ItemActionDialog';
import type { LeadAction } from './itemActions';

/** The Items list's bulk actions for leads and admins: each opens a dialog over the selected items (ItemActionDialog); the selection clears once acted on. */
export const ItemBulkActions = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { selectedIds, onUnselectItems } = useListContext();
  const [action, setAction] = useState<LeadAction | null>(null);
  const [moved, setMoved] = useState(false);
  return (
    <>
      {(['send', 'split', 'reopen'] as const).map((a) => (
        <Button key={a} size="small" color={a === 'reopen' ? 'warning' : 'primary'} onClick={() => setAction(a)}>
          {translate(`pace.item_actions.${a}`)}
        </Button>
      ))}
      {action && (
        <ItemActionDialog
          action={action}
          ids={selectedIds.map(Number)}
          onMoved={() => {
            setMoved(true);
            refresh();
          }}
          onClose={() => {
            setAction(null);
            // once acted on, the selection is done with; a cancelled dialog keeps it
            if (moved) onUnselectItems();
            setMoved(false);
          }}
        />
      )}
    </>
  );
};
