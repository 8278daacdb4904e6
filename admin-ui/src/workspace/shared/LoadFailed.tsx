import { Alert, Button } from '@mui/material';
import { useEffect } from 'react';
import { useLogoutIfAccessDenied, useTranslate } from 'react-admin';

/**
 * The queue could not be asked (network, server error, paused reviewer): the reason and a retry. A session that
 * could not be renewed (401) signs out, as the rest of the app does through authProvider.checkError.
 */
export const LoadFailed = ({ error, onRetry }: { error: Error; onRetry: () => void }) => {
  const translate = useTranslate();
  const logoutIfAccessDenied = useLogoutIfAccessDenied();
  useEffect(() => {
    if ((error as { status?: number }).status === 401) void logoutIfAccessDenied(error);
  }, [error, logoutIfAccessDenied]);
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {translate('pace.workspace.error.retry')}
        </Button>
      }
    >
      {translate('pace.workspace.error.title')}: {translate(error.message, { _: error.message })}
    </Alert>
  );
};
