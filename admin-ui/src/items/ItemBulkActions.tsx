import { Button } from '@mui/material';
import { useState } from 'react';
import { useListContext, useRefresh, useTranslate } from 'react-admin';
import { ItemActionDialog } from './ItemActionDialog';
import type { LeadAction } from './itemActions';

/** The Items list's bulk actions for leads and admins: each opens a dialog over the selected items (ItemActionDialog). */
export const ItemBulkActions = () => {
  const translate = useTranslate();
  const refresh = useRefresh();
  const { selectedIds, onUnselectItems } = useListContext();
  const [action, setAction] = useState<LeadAction | null>(null);
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
          onMoved={refresh}
          onClose={() => {
            setAction(null);
            onUnselectItems();
          }}
        />
      )}
    </>
  );
};
