import { Button, Link, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router';
import { dashboardApi } from './dashboardApi';
import { Section } from './Section';
import type { ActiveLease, Reviewer } from './types';
import type { Loaded } from './useLoaded';
import { useLeadAction } from './useLeadAction';
import { useFormatDate } from '../i18n/dates';

const POOL = '';

/** Who holds which work now, and a way to give it to someone else or back to the pool. */
export const LeasesSection = ({ leases, reviewers, onChanged }: { leases: Loaded<ActiveLease[]>; reviewers: Loaded<Reviewer[]>; onChanged: () => void }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { busy, run } = useLeadAction();
  const [targets, setTargets] = useState<Record<string, string>>({});
  const rows = leases.data ?? [];
  const t = (key: string) => translate(`pace.dashboard.leases.${key}`);
  const reassign = (lease: ActiveLease) => {
    const to = targets[`${lease.kind}:${lease.id}`] ?? POOL;
    const name = reviewers.data?.find((r) => r.id === to)?.name;
    return run(
      () => dashboardApi.reassign(lease.kind, lease.id, to || null),
      () => (to ? ['pace.dashboard.leases.reassigned', { name }] : ['pace.dashboard.leases.pooled']),
      onChanged,
    );
  };
  return (
    <Section title="pace.dashboard.leases.title" data={leases.data} error={leases.error} empty={rows.length === 0 && 'pace.dashboard.leases.empty'}>
      <TableContainer sx={{ maxHeight: 480 }}>
        <Table size="small" stickyHeader aria-label={t('title')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('kind')}</TableCell>
              <TableCell>{t('item')}</TableCell>
              <TableCell>{t('holder')}</TableCell>
              <TableCell>{t('expires')}</TableCell>
              <TableCell>{t('give_to')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((lease) => {
              const key = `${lease.kind}:${lease.id}`;
              const candidates = (reviewers.data ?? []).filter((r) => r.active && !r.paused && r.id !== lease.holderId);
              return (
                <TableRow key={key}>
                  <TableCell>{t(`kinds.${lease.kind}`)}</TableCell>
                  <TableCell>
                    <Link component={RouterLink} to={`/items/${lease.itemId}/show`}>
                      #{lease.itemId}
                    </Link>
                  </TableCell>
                  <TableCell>{lease.holderName}</TableCell>
                  <TableCell>{formatDate(lease.expiresAt)}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={1} alignItems="center">
                      <TextField
                        select
                        size="small"
                        value={targets[key] ?? POOL}
                        onChange={(e) => setTargets((all) => ({ ...all, [key]: e.target.value }))}
                        slotProps={{ select: { native: true }, htmlInput: { 'aria-label': `${t('give_to')} #${lease.itemId}` } }}
                      >
                        <option value={POOL}>{t('pool')}</option>
                        {candidates.map((r) => (
                          <option key={r.id} value={r.id}>
                            {r.name}
                          </option>
                        ))}
                      </TextField>
                      <Button size="small" variant="outlined" disabled={busy} onClick={() => reassign(lease)} aria-label={`${t('reassign')} #${lease.itemId}`}>
                        {t('reassign')}
                      </Button>
                    </Stack>
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
