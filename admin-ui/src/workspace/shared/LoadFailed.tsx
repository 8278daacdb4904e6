import { Alert, Button } from '@mui/material';
import { useTranslate } from 'react-admin';

/** The queue could not be asked (network, server error, paused reviewer): the server's reason and a retry. */
export const LoadFailed = ({ message, onRetry }: { message: string; onRetry: () => void }) => {
  const translate = useTranslate();
  return (
    <Alert
      severity="error"
      action={
        <Button color="inherit" size="small" onClick={onRetry}>
          {translate('pace.workspace.error.retry')}
        </Button>
      }
    >
      {translate('pace.workspace.error.title')}: {message}
    </Alert>
  );
};
