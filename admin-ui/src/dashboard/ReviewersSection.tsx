import { Box, Button, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TablePagination, TableRow } from '@mui/material';
import { useState } from 'react';
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

/** Mean Cohen's κ of each reviewer over every pair they are in (the server's, not only the heatmap's pairs). */
function meanKappas(pairs: Pairs | undefined): Map<string, number> {
  return new Map((pairs?.reviewerMeans ?? []).flatMap((m) => (m.meanCohenKappa === null ? [] : [[m.reviewerId, m.meanCohenKappa] as const])));
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

/** Rows per page: a team of 200 drawn at once costs the page most of a second on a 2-core machine. */
export const REVIEWERS_PER_PAGE = 25;

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
  const [page, setPage] = useState(0);
  // a team that shrank while on a later page shows its last page
  const shownPage = Math.min(page, Math.max(0, Math.ceil(rows.length / REVIEWERS_PER_PAGE) - 1));
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
            {rows.slice(shownPage * REVIEWERS_PER_PAGE, (shownPage + 1) * REVIEWERS_PER_PAGE).map((row) => {
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
      {rows.length > REVIEWERS_PER_PAGE && (
        <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
          <TablePagination
            component="div"
            count={rows.length}
            page={shownPage}
            rowsPerPage={REVIEWERS_PER_PAGE}
            rowsPerPageOptions={[REVIEWERS_PER_PAGE]}
            onPageChange={(_, p) => setPage(p)}
            labelDisplayedRows={({ from, to, count }) => translate('pace.dashboard.shown', { from, to, count: count.toLocaleString('en') })}
          />
        </Box>
      )}
    </Section>
  );
};
