import { Card, CardContent, CardHeader, CircularProgress, Divider, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { HoursPanel, PaceQueueToggle } from '../growth/HoursPanel';
import { useAbilityNames } from '../growth/useGrowth';

/**
 * "The next N hours are worth most in …" and the pace-guided queue with its weights (issue 13 item 6). Its panels read
 * their figures once `ready` (after the dashboard's first paint); until then the card says it is loading.
 */
export const GuidanceSection = ({ ready = true }: { ready?: boolean }) => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const title = translate('pace.growth.hours.title');
  return (
    <Card component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardHeader title={title} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        {ready ? (
          <Stack spacing={2}>
            <HoursPanel abilityNames={abilityNames} />
            <Divider />
            <PaceQueueToggle abilityNames={abilityNames} />
          </Stack>
        ) : (
          <Stack direction="row" spacing={1} alignItems="center">
            <CircularProgress size={16} />
            <Typography color="text.secondary">{translate('pace.dashboard.loading')}</Typography>
          </Stack>
        )}
      </CardContent>
    </Card>
  );
};
