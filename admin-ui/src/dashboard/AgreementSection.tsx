import { Grid, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { lazyChart } from '../charts/lazyChart';
import { AgreementTable } from './AgreementTable';
import { Section } from './Section';
import type { AgreementSummary } from './types';
import type { Loaded } from './useLoaded';
import { useFormatDate } from '../i18n/dates';

const AgreementChart = lazyChart(() => import('./AgreementChart').then((m) => m.AgreementChart));

/** Agreement per ability: the chart beside the numbers with their intervals. */
export const AgreementSection = ({ agreement }: { agreement: Loaded<AgreementSummary> }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const groups = agreement.data?.groups ?? [];
  const computedAt = agreement.data && formatDate(agreement.data.computedAt);
  return (
    <Section title="pace.dashboard.agreement.title" data={agreement.data} error={agreement.error} empty={groups.length === 0 && 'pace.dashboard.agreement.empty'}>
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, lg: 5 }}>
          <AgreementChart groups={groups} />
        </Grid>
        <Grid size={{ xs: 12, lg: 7 }}>
          <AgreementTable groups={groups} />
        </Grid>
      </Grid>
      <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
        {translate('pace.dashboard.agreement.note')} {computedAt && translate('pace.dashboard.updated', { time: computedAt })}
      </Typography>
    </Section>
  );
};
