import { Card, CardContent, CardHeader, Divider, Stack } from '@mui/material';
import { useTranslate } from 'react-admin';
import { HoursPanel, PaceQueueToggle } from '../growth/HoursPanel';
import { useAbilityNames } from '../growth/useGrowth';

/** "The next N hours are worth most in …" and the pace-guided queue with its weights (issue 13 item 6). */
export const GuidanceSection = () => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const title = translate('pace.growth.hours.title');
  return (
    <Card component="section" aria-label={title} sx={{ height: '100%' }}>
      <CardHeader title={title} slotProps={{ title: { variant: 'h6', component: 'h2' } }} />
      <CardContent sx={{ pt: 0 }}>
        <Stack spacing={2}>
          <HoursPanel abilityNames={abilityNames} />
          <Divider />
          <PaceQueueToggle abilityNames={abilityNames} />
        </Stack>
      </CardContent>
    </Card>
  );
};
