import { Box, CircularProgress } from '@mui/material';

/** Work is being asked for. */
export const LoadingWork = () => (
  <Box sx={{ display: 'flex', justifyContent: 'center', py: 6 }}>
    <CircularProgress aria-label="loading" />
  </Box>
);
