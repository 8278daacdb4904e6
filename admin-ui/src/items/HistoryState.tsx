import { Alert, LinearProgress, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

/** Loading, failed or empty, else the content. */
export const HistoryState = ({ query, empty, children }: { query: { isPending: boolean; error: Error | null; data?: unknown[] }; empty: string; children: () => ReactNode }) => {
  const translate = useTranslate();
  if (query.error) return <Alert severity="error">{query.error.message}</Alert>;
  if (query.isPending) return <LinearProgress />;
  if (!query.data?.length) return <Typography color="text.secondary">{translate(empty)}</Typography>;
  return <>{children()}</>;
};
