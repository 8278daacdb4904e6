import KeyIcon from '@mui/icons-material/Key';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import { Button, Form, HttpError, minLength, PasswordInput, required, SaveButton, useNotify, useTranslate } from 'react-admin';
import { changePassword } from './changePassword';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const differsFromCurrent = (value: string, all: Partial<Values>) => (value && value === all.currentPassword ? 'pace.account.unchanged' : undefined);
const matchesNew = (value: string, all: Partial<Values>) => (value !== all.newPassword ? 'pace.account.mismatch' : undefined);

/** The signed-in user changes their own password; a wrong current one, or a new one the server refuses, is shown on its field. */
export const ChangePasswordDialog = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (values: Partial<Values>) => {
    setError(null);
    try {
      await changePassword(values.currentPassword!, values.newPassword!);
    } catch (e) {
      if (e instanceof HttpError && e.status === 400 && e.message.startsWith('currentPassword:')) return { currentPassword: 'pace.account.wrong_current' };
      // The server's password policy (a common password, or the account's email)
      if (e instanceof HttpError && e.status === 400 && e.message.startsWith('newPassword:')) return { newPassword: 'pace.account.weak_password' };
      setError(translate((e as Error).message, { _: (e as Error).message }));
      return;
    }
    notify('pace.account.changed', { type: 'success' });
    close();
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby="change-password-title" fullWidth maxWidth="xs">
      <Form onSubmit={submit}>
        <DialogTitle id="change-password-title">{translate('pace.account.change_password')}</DialogTitle>
        <DialogContent>
          <PasswordInput source="currentPassword" label="pace.account.current_password" autoComplete="current-password" validate={required()} fullWidth />
          <PasswordInput
            source="newPassword"
            label="pace.account.new_password"
            helperText="pace.account.new_password_help"
            autoComplete="new-password"
            validate={[required(), minLength(10), differsFromCurrent]}
            fullWidth
          />
          <PasswordInput source="confirmPassword" label="pace.account.confirm_password" autoComplete="new-password" validate={[required(), matchesNew]} fullWidth />
          {error && <Alert severity="error">{error}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={close} />
          <SaveButton label="pace.account.submit" icon={<KeyIcon />} />
        </DialogActions>
      </Form>
    </Dialog>
  );
};
