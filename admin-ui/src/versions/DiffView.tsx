import { Alert, Box, MenuItem, Tab, Table, TableBody, TableCell, TableHead, TablePagination, TableRow, Tabs, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { versionsApi } from './versionsApi';
import { ReviewModeChip } from '../items/ReviewModeChip';
import type { DiffKind, DiffRow, VersionRecord } from './versionTypes';
import { useAbilityNames } from '../growth/useGrowth';

const L = 'pace.versions.diff';
const KINDS: DiffKind[] = ['changed', 'added', 'removed', 'moved'];
const PER_PAGE = 20;

/** Compares another frozen version (the parent by default) with this one: counts per ability, then the items. */
export const DiffView = ({ version, versions }: { version: VersionRecord; versions: VersionRecord[] }) => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const others = versions.filter((v) => v.status === 'frozen' && v.id !== version.id);
  const [against, setAgainst] = useState<number | ''>(version.parentId ?? others[0]?.id ?? '');
  const [kind, setKind] = useState<DiffKind>('changed');
  const [page, setPage] = useState(0);
  const { data, error } = useQuery({
    queryKey: ['datasets/versions', 'diff', against, version.id, kind, page],
    queryFn: () => versionsApi.diff(against as number, version.id, kind, page, PER_PAGE),
    enabled: against !== '',
  });
  return (
    <Box>
      <TextField select size="small" sx={{ minWidth: 240, mb: 2 }} label={translate(`${L}.against`)} value={against}
        onChange={(e) => { setAgainst(Number(e.target.value)); setPage(0); }}>
        {others.map((v) => (
          <MenuItem key={v.id} value={v.id}>
            {v.name}
          </MenuItem>
        ))}
      </TextField>
      {against === '' && <Typography color="text.secondary">{translate(`${L}.pick`)}</Typography>}
      {error && <Alert severity="error">{(error as Error).message}</Alert>}
      {data && (
        <>
          <Typography sx={{ mb: 1 }}>{translate(`${L}.summary`, { a: data.a.name, b: data.b.name, ...data.summary })}</Typography>
          {data.summary.splitChanged > 0 && <Alert severity="warning">{translate(`${L}.split_changed`, { count: data.summary.splitChanged })}</Alert>}
          <Table size="small" aria-label={translate(`${L}.title`)} sx={{ mb: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${L}.ability`)}</TableCell>
                {(['added', 'removed', 'changed'] as const).map((k) => (
                  <TableCell key={k} align="right">{translate(`${L}.kind.${k}`)}</TableCell>
                ))}
                <TableCell align="right">{translate(`${L}.moved_in`)}</TableCell>
                <TableCell align="right">{translate(`${L}.moved_out`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.summary.byAbility.map((r) => (
                <TableRow key={r.ability}>
                  <TableCell title={r.ability}>{abilityNames[r.ability] ?? r.ability}</TableCell>
                  <TableCell align="right">{r.added}</TableCell>
                  <TableCell align="right">{r.removed}</TableCell>
                  <TableCell align="right">{r.changed}</TableCell>
                  <TableCell align="right">{r.movedIn}</TableCell>
                  <TableCell align="right">{r.movedOut}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <Tabs value={kind} onChange={(_, k: DiffKind) => { setKind(k); setPage(0); }}>
            {KINDS.map((k) => (
              <Tab key={k} value={k} label={`${translate(`${L}.kind.${k}`)} (${data.summary[k]})`} />
            ))}
          </Tabs>
          {data.list.total === 0 ? (
            <Typography color="text.secondary" sx={{ mt: 1 }}>{translate(`${L}.none`)}</Typography>
          ) : (
            <>
              {data.list.rows.map((r) => <DiffItem key={r.itemId} row={r} />)}
              <TablePagination component="div" count={data.list.total} page={page} rowsPerPage={PER_PAGE} rowsPerPageOptions={[PER_PAGE]} onPageChange={(_, p) => setPage(p)} />
            </>
          )}
        </>
      )}
    </Box>
  );
};

const DiffItem = ({ row }: { row: DiffRow }) => {
  const translate = useTranslate();
  const abilityNames = useAbilityNames();
  const name = (key: string | null) => (key ? (abilityNames[key] ?? key) : key);
  const ability = row.abilityA === row.abilityB || !row.abilityA || !row.abilityB ? name(row.abilityB ?? row.abilityA) : translate(`${L}.from_to`, { from: name(row.abilityA), to: name(row.abilityB) });
  return (
    <Box sx={{ borderBottom: 1, borderColor: 'divider', py: 1 }} data-testid={`diff-item-${row.itemId}`}>
      <Typography variant="subtitle2">
        {translate(`${L}.item`)} {row.itemId} · {ability} · {translate(`pace.versions.split.${row.splitB ?? row.splitA}`)}{' '}
        <ReviewModeChip mode={row.reviewMode} />
      </Typography>
      {row.textDiff && (
        <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit', m: 0, mt: 0.5 }}>
          {row.textDiff.map((c, i) =>
            c.added ? <ins key={i} style={{ background: '#d4f8d4', textDecoration: 'none' }}>{c.value}</ins>
            : c.removed ? <del key={i} style={{ background: '#fbd3d3' }}>{c.value}</del>
            : <span key={i}>{c.value}</span>,
          )}
        </Box>
      )}
    </Box>
  );
};
