import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Table, TableBody, TableCell, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

const KEYS: [string, string][] = [
  ['A', 'approve'],
  ['R', 'reject'],
  ['1 … 9', 'reasons'],
  ['Enter', 'submit'],
  ['J / K', 'scroll'],
  ['?', 'help'],
  ['Esc', 'escape'],
];

export const ShortcutHelp = ({ open, onClose }: { open: boolean; onClose: () => void }) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="shortcut-help-title">
      <DialogTitle id="shortcut-help-title">{translate('pace.workspace.help.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {KEYS.map(([key, what]) => (
              <TableRow key={what}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Box component="kbd" sx={{ px: 0.75, py: 0.25, border: 1, borderColor: 'divider', borderRadius: 0.5, fontFamily: 'monospace' }}>
                    {key}
                  </Box>
                </TableCell>
                <TableCell>{translate(`pace.workspace.help.${what}`)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate('pace.workspace.help.typing')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('pace.workspace.help.close')}</Button>
      </DialogActions>
    </Dialog>
  );
};
