import { Grid } from '@mui/material';
import { memo, useCallback, useEffect, useState, type ReactNode } from 'react';
import { Title } from 'react-admin';
import { AgreementSection as AgreementSectionCard } from './AgreementSection';
import { DisagreementsSection as DisagreementsSectionCard } from './DisagreementsSection';
import { GuidanceSection as GuidanceSectionCard } from './GuidanceSection';
import { LeasesSection as LeasesSectionCard } from './LeasesSection';
import { PairHeatmap as PairHeatmapCard } from './PairHeatmap';
import { PassRateSection as PassRateSectionCard } from './PassRateSection';
import { QueueSection as QueueSectionCard } from './QueueSection';
import { ReviewersSection as ReviewersSectionCard } from './ReviewersSection';
import { Section } from './Section';
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
  // The first paint holds queue depth and pass rates (what a lead looks at first, read before React started) and the
  // frames of the other cards, as they look while loading; the cards themselves are drawn in the next task. Drawn in
  // one go, the eight other cards made the first paint wait for them on a 2-core machine.
  const painted = usePainted();
  const card = (title: string, node: ReactNode) => (painted ? node : <Section title={title} data={undefined} frame />);
  return (
    <Grid container spacing={2} sx={{ mt: 1, mb: 2 }}>
      <Title title="pace.page.dashboard.title" />
      <Grid size={12}>
        <QueueSection queue={d.queue} />
      </Grid>
      <Grid size={12}>{card('pace.growth.hours.title', <GuidanceSection ready={d.after} />)}</Grid>
      <Grid size={12}>{card('pace.dashboard.agreement.title', <AgreementSection agreement={d.byAbility} />)}</Grid>
      <Grid size={{ xs: 12, lg: 6 }}>
        <PassRateSection rates={d.passRates} />
      </Grid>
      <Grid size={{ xs: 12, lg: 6 }}>{card('pace.dashboard.trends.title', <TrendSection weekly={d.weekly} />)}</Grid>
      <Grid size={12}>
        {card('pace.dashboard.reviewers.title', <ReviewersSection reviewers={d.reviewers} figures={d.figures} pairs={d.pairs} onChanged={afterPeopleChanged} />)}
      </Grid>
      <Grid size={{ xs: 12, lg: 5 }}>{card('pace.dashboard.heatmap.title', <PairHeatmap pairs={d.pairs} />)}</Grid>
      <Grid size={{ xs: 12, lg: 7 }}>{card('pace.dashboard.leases.title', <LeasesSection leases={d.leases} reviewers={d.reviewers} onChanged={afterPeopleChanged} />)}</Grid>
      <Grid size={{ xs: 12, lg: 8 }}>{card('pace.dashboard.disagreements.title', <DisagreementsSection ready={d.after} />)}</Grid>
      <Grid size={{ xs: 12, lg: 4 }}>{card('pace.dashboard.send_abilities.title', <SendAbilitiesToRevision />)}</Grid>
    </Grid>
  );
};

/** False for the first render; true in a task after the browser painted it (a frame, then a timer). */
function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return painted;
}
