import { SaveButton, Toolbar } from 'react-admin';

/** The server has no delete routes: forms offer Save only. */
export const SaveToolbar = () => (
  <Toolbar>
    <SaveButton />
  </Toolbar>
);
