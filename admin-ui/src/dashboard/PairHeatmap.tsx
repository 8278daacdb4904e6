import { Box, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { kappaColour, withInterval } from './format';
import { Section } from './Section';
import type { PairAgreement, Pairs } from './types';
import type { Loaded } from './useLoaded';

const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/**
 * Reviewer × reviewer Cohen's κ, symmetric; a blank cell means the two never shared an item. A large team shows the
 * reviewers with the most shared items only (the server's `top`), and says so.
 */
/**
 * The cells' shared style; each cell's colour goes in its `style` attribute. As `sx`, every distinct κ made a CSS class
 * of its own: hundreds of rules inserted while the matrix first rendered, each insertion a style recalculation.
 */
const KAPPA_CELL_SX = { color: 'common.black', minWidth: 48 } as const;

export const PairHeatmap = ({ pairs }: { pairs: Loaded<Pairs> }) => {
  const translate = useTranslate();
  const reviewers = pairs.data?.reviewers ?? [];
  const byPair = new Map<string, PairAgreement>((pairs.data?.pairs ?? []).map((p) => [pairKey(p.reviewerA, p.reviewerB), p]));
  const cellLabel = (a: string, b: string, p: PairAgreement) =>
    translate('pace.dashboard.heatmap.cell', { a, b, kappa: withInterval(p.cohenKappa), rounds: p.rounds });
  return (
    <Section title="pace.dashboard.heatmap.title" data={pairs.data} error={pairs.error} empty={byPair.size === 0 && 'pace.dashboard.heatmap.empty'}>
      <TableContainer sx={{ maxHeight: 480 }}>
        <Table size="small" stickyHeader aria-label={translate('pace.dashboard.heatmap.title')} sx={{ width: 'auto' }}>
          <TableHead>
            <TableRow>
              <TableCell />
              {reviewers.map((r) => (
                <TableCell key={r.id} align="center" sx={{ whiteSpace: 'nowrap' }}>
                  {r.name}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {reviewers.map((row) => (
              <TableRow key={row.id}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap' }}>
                  {row.name}
                </TableCell>
                {reviewers.map((col) => {
                  const p = row.id === col.id ? undefined : byPair.get(pairKey(row.id, col.id));
                  const k = p?.cohenKappa.estimate;
                  if (!p) return <TableCell key={col.id} sx={{ bgcolor: row.id === col.id ? 'action.hover' : undefined }} />;
                  const label = cellLabel(row.name, col.name, p);
                  // a native title, not a MUI Tooltip: the matrix grows with the square of the team
                  return (
                    <TableCell key={col.id} align="center" title={label} aria-label={label} sx={KAPPA_CELL_SX} style={k == null ? undefined : { backgroundColor: kappaColour(k) }}>
                      {k == null ? '—' : k.toFixed(2)}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {pairs.data && pairs.data.reviewerCount > reviewers.length && (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('pace.dashboard.heatmap.top', { shown: reviewers.length, total: pairs.data.reviewerCount })}
        </Typography>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1 }}>
        <Box sx={{ width: 120, height: 10, borderRadius: 1, background: `linear-gradient(to right, ${kappaColour(0)}, ${kappaColour(0.5)}, ${kappaColour(1)})` }} />
        <Typography variant="caption" color="text.secondary">
          {translate('pace.dashboard.heatmap.legend')}
        </Typography>
      </Box>
    </Section>
  );
};
