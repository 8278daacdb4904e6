import { Button, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import { dashboardApi } from './dashboardApi';
import { coefficient, duration, percent } from './format';
import { Section } from './Section';
import type { Pairs, Reviewer, ReviewerFigures } from './types';
import type { Loaded } from './useLoaded';
import { useLeadAction } from './useLeadAction';

interface Row {
  id: string;
  name: string;
  reviewer?: Reviewer;
  figures?: ReviewerFigures;
  meanKappa: number | null;
}

/** Mean Cohen's κ of each reviewer over the pairs they are in. */
function meanKappas(pairs: Pairs | undefined): Map<string, number> {
  const sums = new Map<string, { sum: number; n: number }>();
  for (const p of pairs?.pairs ?? []) {
    const k = p.cohenKappa.estimate;
    if (k == null) continue;
    for (const id of [p.reviewerA, p.reviewerB]) {
      const s = sums.get(id) ?? { sum: 0, n: 0 };
      sums.set(id, { sum: s.sum + k, n: s.n + 1 });
    }
  }
  return new Map([...sums].map(([id, s]) => [id, s.sum / s.n]));
}

/** Everyone who reviews, with what they did and how they agree; people with figures but no longer reviewing stay listed. */
function rowsOf(reviewers: Reviewer[] = [], figures: ReviewerFigures[] = [], pairs?: Pairs): Row[] {
  const kappas = meanKappas(pairs);
  const byId = new Map(figures.map((f) => [f.reviewerId, f]));
  const rows: Row[] = reviewers.map((r) => ({ id: r.id, name: r.name, reviewer: r, figures: byId.get(r.id), meanKappa: kappas.get(r.id) ?? null }));
  const listed = new Set(reviewers.map((r) => r.id));
  for (const f of figures) if (!listed.has(f.reviewerId)) rows.push({ id: f.reviewerId, name: f.name, figures: f, meanKappa: kappas.get(f.reviewerId) ?? null });
  return rows;
}

const COLUMNS = ['name', 'reviews', 'today', 'last_7_days', 'median_time', 'agreement', 'kappa', 'approval', 'leases', 'status'] as const;

export const ReviewersSection = ({
  reviewers,
  figures,
  pairs,
  onChanged,
}: {
  reviewers: Loaded<Reviewer[]>;
  figures: Loaded<ReviewerFigures[]>;
  pairs: Loaded<Pairs>;
  onChanged: () => void;
}) => {
  const translate = useTranslate();
  const { busy, run } = useLeadAction();
  const rows = rowsOf(reviewers.data, figures.data, pairs.data);
  const setPaused = (row: Row, paused: boolean) =>
    run(
      () => dashboardApi.pause(row.id, paused),
      (r) =>
        paused
          ? ['pace.dashboard.reviewers.paused_done', { name: row.name, smart_count: r.leasesReleased }]
          : ['pace.dashboard.reviewers.resumed_done', { name: row.name }],
      onChanged,
    );
  return (
    <Section
      title="pace.dashboard.reviewers.title"
      data={reviewers.data && figures.data}
      error={reviewers.error ?? figures.error}
      empty={rows.length === 0 && 'pace.dashboard.reviewers.empty'}
    >
      <TableContainer>
        <Table size="small" aria-label={translate('pace.dashboard.reviewers.title')}>
          <TableHead>
            <TableRow>
              {COLUMNS.map((c) => (
                <TableCell key={c} align={c === 'name' || c === 'status' ? 'left' : 'right'}>
                  {translate(`pace.dashboard.reviewers.${c}`)}
                </TableCell>
              ))}
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row) => {
              const { reviewer: r, figures: f } = row;
              return (
                <TableRow key={row.id}>
                  <TableCell component="th" scope="row">
                    {row.name}
                  </TableCell>
                  <TableCell align="right">{f?.reviewed ?? 0}</TableCell>
                  <TableCell align="right">{r?.reviewsToday ?? ''}</TableCell>
                  <TableCell align="right">{r?.reviewsLast7Days ?? ''}</TableCell>
                  <TableCell align="right">{duration(f?.medianMs)}</TableCell>
                  <TableCell align="right">{percent(f?.coReviewerAgreement)}</TableCell>
                  <TableCell align="right">{coefficient(row.meanKappa)}</TableCell>
                  <TableCell align="right">{percent(f?.approvalRate)}</TableCell>
                  <TableCell align="right">{r?.activeLeases ?? ''}</TableCell>
                  <TableCell>
                    {r && (
                      <Chip
                        size="small"
                        color={r.paused ? 'warning' : 'success'}
                        variant="outlined"
                        label={translate(`pace.dashboard.reviewers.${r.paused ? 'paused' : 'working'}`)}
                      />
                    )}
                  </TableCell>
                  <TableCell align="right">
                    {r && (
                      <Button size="small" disabled={busy} onClick={() => setPaused(row, !r.paused)} aria-label={`${translate(`pace.dashboard.reviewers.${r.paused ? 'resume' : 'pause'}`)} ${row.name}`}>
                        {translate(`pace.dashboard.reviewers.${r.paused ? 'resume' : 'pause'}`)}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </TableContainer>
    </Section>
  );
};
