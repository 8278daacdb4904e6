import { Alert, AlertTitle, Button } from '@mui/material';
import { useTranslate } from 'react-admin';

/** Says the lease is gone and why, with the way on: never a silent disappearance. */
export const LeaseLostBanner = ({ message, onNext }: { message: string; onNext: () => void }) => {
  const translate = useTranslate();
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        <Button color="inherit" variant="outlined" size="small" onClick={onNext} autoFocus>
          {translate('pace.workspace.lease.fetch_next')}
        </Button>
      }
    >
      <AlertTitle>{translate('pace.workspace.lease.lost_title')}</AlertTitle>
      {message}
    </Alert>
  );
};
