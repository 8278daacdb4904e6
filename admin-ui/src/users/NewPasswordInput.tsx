import AutorenewIcon from '@mui/icons-material/Autorenew';
import { Box } from '@mui/material';
import { useState } from 'react';
import { Button, minLength, PasswordInput, required, useTranslate } from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** 16 characters from an alphabet without look-alikes (0/O, 1/l/I), to read out to the user. */
export function generatePassword(length = 16): string {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** A password for another user, typed or generated; a generated one is spelled out below, to pass on. */
export const NewPasswordInput = ({ label, isRequired }: { label?: string; isRequired?: boolean }) => {
  const translate = useTranslate();
  const form = useFormContext();
  const value = useWatch({ name: 'password' }) as string | null | undefined;
  const [generated, setGenerated] = useState<string | null>(null);
  const generate = () => {
    const password = generatePassword();
    setGenerated(password);
    form.setValue('password', password, { shouldDirty: true, shouldValidate: true });
  };
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
      <PasswordInput
        source="password"
        label={label}
        autoComplete="new-password"
        validate={isRequired ? [required(), minLength(10)] : minLength(10)}
        helperText={generated && value === generated ? translate('pace.users.generated_password', { password: generated }) : undefined}
        sx={{ minWidth: 320 }}
      />
      <Button label="pace.users.generate_password" onClick={generate} sx={{ mt: 2 }}>
        <AutorenewIcon />
      </Button>
    </Box>
  );
};
