import { Alert, Card, CardContent, CardHeader, CircularProgress, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

interface SectionProps {
  title: string;
  /** Undefined while loading. */
  data: unknown;
  error?: Error | null;
  /** Shown instead of the children when there is nothing to show yet. */
  empty?: string | false;
  action?: ReactNode;
  children?: ReactNode;
  /**
   * Only the card's frame, drawn before the card itself (see the dashboard's first paint): it looks like the card while
   * loading, but is not yet the named region, so whoever looks for the card finds the card itself.
   */
  frame?: boolean;
}

/** A dashboard card: its title, then a spinner, an error, an empty state or the content. */
export const Section = ({ title, data, error, empty, action, children, frame }: SectionProps) => {
  const translate = useTranslate();
  const heading = translate(title);
  let body: ReactNode = children;
  if (error && data === undefined) body = <Alert severity="error">{translate('pace.dashboard.load_failed', { message: error.message })}</Alert>;
  else if (data === undefined) {
    body = (
      <Stack direction="row" spacing={1} alignItems="center">
        <CircularProgress size={16} />
        <Typography color="text.secondary">{translate('pace.dashboard.loading')}</Typography>
      </Stack>
    );
  } else if (empty) body = <Typography color="text.secondary">{translate(empty)}</Typography>;
  return (
    <Card component={frame ? 'div' : 'section'} aria-label={frame ? undefined : heading} aria-busy={frame || undefined} sx={{ height: '100%' }}>
      <CardHeader title={heading} action={action} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>{body}</CardContent>
    </Card>
  );
};
