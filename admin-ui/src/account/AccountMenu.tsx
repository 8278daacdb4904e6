import KeyIcon from '@mui/icons-material/Key';
import { ListItemIcon, ListItemText, MenuItem, type MenuItemProps } from '@mui/material';
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { Logout, UserMenu, useTranslate, useUserMenu } from 'react-admin';
import { ChangePasswordDialog } from './ChangePasswordDialog';

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

/** Every role's user menu: change password, sign out. */
export const AccountMenu = () => (
  <UserMenu>
    <ChangePasswordMenuItem />
    <Logout />
  </UserMenu>
);
