import { Alert, Button, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { UnsavedDecision } from './reviewQueue';

/** Decisions the server refused or never got, each said out loud: the screen moved on before the answer came. */
export const UnsavedDecisions = ({ unsaved, onDismiss }: { unsaved: UnsavedDecision[]; onDismiss: (leaseId: string) => void }) => {
  const translate = useTranslate();
  if (!unsaved.length) return null;
  return (
    <Stack spacing={1}>
      {unsaved.map((u) => (
        <Alert
          key={u.leaseId}
          severity="error"
          role="alert"
          action={
            <>
              {u.retry && (
                <Button color="inherit" size="small" onClick={u.retry}>
                  {translate('pace.workspace.review.retry')}
                </Button>
              )}
              <Button color="inherit" size="small" onClick={() => onDismiss(u.leaseId)}>
                {translate('pace.workspace.review.dismiss')}
              </Button>
            </>
          }
        >
          {translate('pace.workspace.review.unsaved', { id: u.itemId, message: u.message })}
        </Alert>
      ))}
    </Stack>
  );
};
