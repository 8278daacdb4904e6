import { Grid } from '@mui/material';
import { memo, useCallback } from 'react';
import { Title } from 'react-admin';
import { AgreementSection as AgreementSectionCard } from './AgreementSection';
import { DisagreementsSection as DisagreementsSectionCard } from './DisagreementsSection';
import { GuidanceSection as GuidanceSectionCard } from './GuidanceSection';
import { LeasesSection as LeasesSectionCard } from './LeasesSection';
import { PairHeatmap as PairHeatmapCard } from './PairHeatmap';
import { PassRateSection as PassRateSectionCard } from './PassRateSection';
import { QueueSection as QueueSectionCard } from './QueueSection';
import { ReviewersSection as ReviewersSectionCard } from './ReviewersSection';
import { SendAbilitiesToRevision as SendAbilitiesToRevisionCard } from './SendAbilitiesToRevision';
import { TrendSection as TrendSectionCard } from './TrendSection';
import { useDashboardData } from './useDashboardData';

// Each card re-renders only when its own data changes: every answer that arrives sets the dashboard's state, and ten
// answers redrawing every table and chart each time cost the page hundreds of milliseconds on a 2-core machine.
const QueueSection = memo(QueueSectionCard);
const GuidanceSection = memo(GuidanceSectionCard);
const AgreementSection = memo(AgreementSectionCard);
const PassRateSection = memo(PassRateSectionCard);
const TrendSection = memo(TrendSectionCard);
const ReviewersSection = memo(ReviewersSectionCard);
const PairHeatmap = memo(PairHeatmapCard);
const LeasesSection = memo(LeasesSectionCard);
const DisagreementsSection = memo(DisagreementsSectionCard);
const SendAbilitiesToRevision = memo(SendAbilitiesToRevisionCard);

/** The lead's live view: queues, pass rates, agreement, annotators, pairs, trends, disagreements and held work. */
export const Dashboard = () => {
  const d = useDashboardData();
  const { reload: reloadReviewers } = d.reviewers;
  const { reload: reloadLeases } = d.leases;
  const afterPeopleChanged = useCallback(() => {
    reloadReviewers();
    reloadLeases();
  }, [reloadReviewers, reloadLeases]);
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
