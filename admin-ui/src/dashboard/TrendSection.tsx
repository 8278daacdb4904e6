import { lazyChart } from '../charts/lazyChart';
import { coefficientAxis, SERIES_COLOUR } from './chartStyle';
import { Section } from './Section';
import type { AgreementSummary } from './types';
import type { TrendRow } from './TrendChart';
import type { Loaded } from './useLoaded';

const TrendChart = lazyChart(() => import('./TrendChart').then((m) => m.TrendChart));

/** Pass rate and agreement week by week (the server's weeks start on Monday). */
export const TrendSection = ({ weekly }: { weekly: Loaded<AgreementSummary> }) => {
  const rows = (weekly.data?.groups ?? []).map((g): TrendRow => ({
    week: g.label,
    passRate: g.passRate,
    percent: g.percentAgreement.estimate,
    fleiss: g.fleissKappa.estimate,
    alpha: g.krippendorffAlpha.estimate,
  }));
  const axis = coefficientAxis(rows.flatMap((r) => [r.percent, r.fleiss, r.alpha]));
  const lines = [
    { key: 'passRate', label: 'pace.dashboard.pass_rate.label', colour: SERIES_COLOUR.passRate },
    { key: 'percent', label: 'pace.dashboard.agreement.percent', colour: SERIES_COLOUR.percent },
    { key: 'fleiss', label: 'pace.dashboard.agreement.fleiss', colour: SERIES_COLOUR.fleiss },
    { key: 'alpha', label: 'pace.dashboard.agreement.alpha', colour: SERIES_COLOUR.alpha },
  ];
  return (
    <Section title="pace.dashboard.trends.title" data={weekly.data} error={weekly.error} empty={rows.length === 0 && 'pace.dashboard.trends.empty'}>
      <TrendChart rows={rows} lines={lines} axis={axis} />
    </Section>
  );
};
