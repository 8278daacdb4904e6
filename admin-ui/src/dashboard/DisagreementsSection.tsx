import {
  Box,
  Button,
  Checkbox,
  Chip,
  Link,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router';
import { useLiveEvent } from '../realtime/socket';
import { dashboardApi } from './dashboardApi';
import { DecisionLine } from './DecisionLine';
import { Section } from './Section';
import { useAbilityName } from './useAbilityName';
import { REFETCH_AFTER_EVENT_MS } from './useDashboardData';
import { useLeadAction } from './useLeadAction';
import { useCoalesced } from './useLoaded';
import { useFormatDate } from '../i18n/dates';

const PER_PAGE = 10;

/**
 * Decided rounds whose two reviewers disagreed, newest first, with both decisions and the item's status now; only items
 * a lead can still send to revision are listed (the server drops those revised and accepted since). Selected items go to revision.
 * Asks for its page once `ready`.
 */
export const DisagreementsSection = ({ ready = true }: { ready?: boolean }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const abilityName = useAbilityName();
  const { busy, run } = useLeadAction();
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const { data: list, error, refetch } = useQuery({
    queryKey: ['dashboard', 'disagreements', page],
    queryFn: () => dashboardApi.disagreements(page * PER_PAGE, PER_PAGE),
    placeholderData: keepPreviousData,
    // held back until the dashboard's first paint is in
    enabled: ready,
  });
  const data = list?.rows;
  const afterDecided = useCoalesced(() => void refetch(), REFETCH_AFTER_EVENT_MS);
  useLiveEvent('leads', 'round.decided', afterDecided);

  const rows = data ?? [];
  const t = (key: string, args?: Record<string, unknown>) => translate(`pace.dashboard.disagreements.${key}`, args);
  const toggle = (itemId: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (!next.delete(itemId)) next.add(itemId);
      return next;
    });
  const pageIds = rows.map((r) => r.itemId);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));
  const send = () =>
    run(
      () => dashboardApi.sendItemsToRevision([...selected]),
      (r) => ['pace.dashboard.disagreements.sent', { smart_count: r.sent }],
      () => setSelected(new Set()),
    );

  return (
    <Section
      title="pace.dashboard.disagreements.title"
      data={data}
      error={error as Error | null}
      empty={rows.length === 0 && page === 0 && 'pace.dashboard.disagreements.empty'}
      action={
        <Button variant="contained" size="small" disabled={selected.size === 0 || busy} onClick={send}>
          {t('send', { smart_count: selected.size })}
        </Button>
      }
    >
      <TableContainer>
        <Table size="small" aria-label={t('title')}>
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Checkbox
                  checked={allOnPage}
                  onChange={() => setSelected((s) => new Set(allOnPage ? [...s].filter((id) => !pageIds.includes(id)) : [...s, ...pageIds]))}
                  slotProps={{ input: { 'aria-label': t('select_all') } }}
                />
              </TableCell>
              <TableCell>{t('item')}</TableCell>
              <TableCell>{t('ability')}</TableCell>
              <TableCell>{t('decisions')}</TableCell>
              <TableCell>{t('status')}</TableCell>
              <TableCell>{t('decided')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((d) => (
              <TableRow key={d.id} selected={selected.has(d.itemId)}>
                <TableCell padding="checkbox">
                  <Checkbox checked={selected.has(d.itemId)} onChange={() => toggle(d.itemId)} slotProps={{ input: { 'aria-label': t('select', { id: d.itemId }) } }} />
                </TableCell>
                <TableCell sx={{ maxWidth: 360 }}>
                  <Link component={RouterLink} to={`/items/${d.itemId}/show`}>
                    #{d.itemId}
                  </Link>{' '}
                  <Typography variant="caption" color="text.secondary">
                    {t(`kinds.${d.kind}`)}
                  </Typography>
                  <Typography variant="body2" noWrap title={d.instruction ?? undefined}>
                    {d.instruction}
                  </Typography>
                </TableCell>
                <TableCell>{abilityName(d.abilityId, d.abilityKey)}</TableCell>
                <TableCell>
                  <Stack spacing={0.5}>
                    {d.decisions.map((x) => (
                      <DecisionLine key={x.reviewerId} decision={x} />
                    ))}
                  </Stack>
                </TableCell>
                <TableCell>
                  <Chip size="small" label={translate(`pace.item_status.${d.itemStatus}`)} />
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDate(d.decidedAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      <Box sx={{ display: 'flex', justifyContent: 'flex-end' }}>
        <TablePagination
          component="div"
          count={list?.total ?? 0}
          labelDisplayedRows={({ from, to, count }) => translate('pace.dashboard.shown', { from, to, count: `${count.toLocaleString('en')}${list?.totalIsLowerBound ? '+' : ''}` })}
          page={page}
          rowsPerPage={PER_PAGE}
          rowsPerPageOptions={[PER_PAGE]}
          onPageChange={(_, p) => setPage(p)}
        />
      </Box>
    </Section>
  );
};
