import { Grid } from '@mui/material';
import { Title } from 'react-admin';
import { AgreementSection } from './AgreementSection';
import { DisagreementsSection } from './DisagreementsSection';
import { GuidanceSection } from './GuidanceSection';
import { LeasesSection } from './LeasesSection';
import { PairHeatmap } from './PairHeatmap';
import { PassRateSection } from './PassRateSection';
import { QueueSection } from './QueueSection';
import { ReviewersSection } from './ReviewersSection';
import { SendAbilitiesToRevision } from './SendAbilitiesToRevision';
import { TrendSection } from './TrendSection';
import { useDashboardData } from './useDashboardData';

/** The lead's live view: queues, pass rates, agreement, annotators, pairs, trends, disagreements and held work. */
export const Dashboard = () => {
  const d = useDashboardData();
  const afterPeopleChanged = () => {
    d.reviewers.reload();
    d.leases.reload();
  };
  return (
    <Grid container spacing={2} sx={{ mt: 1, mb: 2 }}>
      <Title title="pace.page.dashboard.title" />
      <Grid size={12}>
        <QueueSection queue={d.queue} />
      </Grid>
      <Grid size={12}>
        <GuidanceSection ready={d.after} />
      </Grid>
      <Grid size={12}>
        <AgreementSection agreement={d.byAbility} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <PassRateSection rates={d.passRates} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <TrendSection weekly={d.weekly} />
      </Grid>
      <Grid size={12}>
        <ReviewersSection reviewers={d.reviewers} figures={d.figures} pairs={d.pairs} onChanged={afterPeopleChanged} />
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>
        <PairHeatmap pairs={d.pairs} />
      </Grid>
      <Grid size={{ xs: 12, lg: 7 }}>
        <LeasesSection leases={d.leases} reviewers={d.reviewers} onChanged={afterPeopleChanged} />
      </Grid>
      <Grid size={{ xs: 12, lg: 8 }}>
        <DisagreementsSection ready={d.after} />
      </Grid>
      <Grid size={{ xs: 12, lg: 4 }}>
        <SendAbilitiesToRevision />
      </Grid>
    </Grid>
  );
};
