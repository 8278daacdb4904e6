import Check from '@mui/icons-material/Check';
import Close from '@mui/icons-material/Close';
import { Button, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';

export const DecisionBar = ({ onApprove, onReject }: { onApprove: () => void; onReject: () => void }) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={2}>
      <Button variant="contained" color="success" size="large" startIcon={<Check />} onClick={onApprove}>
        {translate('pace.workspace.review.approve')} (A)
      </Button>
      <Button variant="outlined" color="error" size="large" startIcon={<Close />} onClick={onReject}>
        {translate('pace.workspace.review.reject')} (R)
      </Button>
    </Stack>
  );
};
