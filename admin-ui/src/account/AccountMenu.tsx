import DevicesIcon from '@mui/icons-material/Devices';
import KeyIcon from '@mui/icons-material/Key';
import { ListItemIcon, ListItemText, MenuItem, type MenuItemProps } from '@mui/material';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { Logout, useLogout, useNotify, UserMenu, useTranslate, useUserMenu } from 'react-admin';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { signOutEverywhere } from './changePassword';

const OpenDialog = createContext<() => void>(() => undefined);

/**
 * Holds the change-password dialog outside the user menu: the menu unmounts its items when it closes, and it
 * closes as the dialog opens.
 */
export const AccountDialogs = ({ children }: { children: ReactNode }) => {
  const [open, setOpen] = useState(false);
  const show = useMemo(() => () => setOpen(true), []);
  return (
    <OpenDialog.Provider value={show}>
      {children}
      <ChangePasswordDialog open={open} onClose={() => setOpen(false)} />
    </OpenDialog.Provider>
  );
};

const ChangePasswordMenuItem = (props: MenuItemProps) => {
  const translate = useTranslate();
  const menu = useUserMenu();
  const openDialog = useContext(OpenDialog);
  return (
    <MenuItem
      {...props}
      onClick={() => {
        menu?.onClose();
        openDialog();
      }}
    >
      <ListItemIcon>
        <KeyIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('pace.account.change_password')}</ListItemText>
    </MenuItem>
  );
};

/**
 * Ends every session of the user on the server (other browsers and devices included), then signs out here. When the
 * server refuses, the user stays signed in and is told: they must not believe the other sessions ended.
 */
const SignOutEverywhereMenuItem = (props: MenuItemProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const logout = useLogout();
  const menu = useUserMenu();
  return (
    <MenuItem
      {...props}
      onClick={async () => {
        menu?.onClose();
        try {
          await signOutEverywhere();
        } catch (e) {
          notify('pace.account.sign_out_everywhere_failed', { type: 'error', messageArgs: { message: (e as Error).message } });
          return;
        }
        await logout({ signedOut: true });
      }}
    >
      <ListItemIcon>
        <DevicesIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>{translate('pace.account.sign_out_everywhere')}</ListItemText>
    </MenuItem>
  );
};

/** Every role's user menu: change password, sign out everywhere, sign out. */
export const AccountMenu = () => (
  <UserMenu>
    <ChangePasswordMenuItem />
    <SignOutEverywhereMenuItem />
    <Logout />
  </UserMenu>
);
