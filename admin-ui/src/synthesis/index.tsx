import { Button, Stack, Tab, Table, TableBody, TableCell, TableHead, TableRow, Tabs, Typography } from '@mui/material';
import { useCallback, useEffect, useState } from 'react';
import { useTranslate } from 'react-admin';
import { Link, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useLiveEvent } from '../realtime/socket';
import { Endpoints } from './Endpoints';
import { RunCreate } from './RunCreate';
import { RunShow } from './RunShow';
import { synthesisApi, type RunView } from './synthesisApi';
import { useFormatDate } from '../i18n/dates';

/** `/synthesis` (runs), `/synthesis/endpoints`, `/synthesis/runs/create`, `/synthesis/runs/:id`. */
export const Synthesis = () => (
  <Stack spacing={2} sx={{ p: 2 }}>
    <SynthesisTabs />
    <Routes>
      <Route index element={<RunList />} />
      <Route path="endpoints" element={<Endpoints />} />
      <Route path="runs/create" element={<RunCreate />} />
      <Route path="runs/:id" element={<RunShow />} />
    </Routes>
  </Stack>
);

const SynthesisTabs = () => {
  const t = useTranslate();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const tab = pathname.startsWith('/synthesis/endpoints') ? 'endpoints' : 'runs';
  return (
    <Tabs value={tab} onChange={(_, v: string) => navigate(v === 'endpoints' ? '/synthesis/endpoints' : '/synthesis')}>
      <Tab value="runs" label={t('pace.synthesis.tabs.runs')} />
      <Tab value="endpoints" label={t('pace.synthesis.tabs.endpoints')} />
    </Tabs>
  );
};

const RunList = () => {
  const t = useTranslate();
  const formatDate = useFormatDate();
  const [rows, setRows] = useState<RunView[]>([]);
  const load = useCallback(() => void synthesisApi.runs().then((r) => setRows(r.rows)), []);
  useEffect(() => load(), [load]);
  useLiveEvent<Pick<RunView, 'id' | 'status' | 'stage' | 'progress' | 'usage'>>('synthesis', 'synthesis.progress', (e) =>
    setRows((rs) => rs.map((r) => (r.id === e.id ? { ...r, status: e.status, stage: e.stage, progress: e.progress, usage: e.usage } : r))),
  );
  return (
    <Stack spacing={2}>
      <Stack direction="row">
        <Button variant="contained" component={Link} to="/synthesis/runs/create">
          {t('pace.synthesis.runs.create')}
        </Button>
      </Stack>
      {rows.length === 0 ? (
        <Typography color="text.secondary">{t('pace.synthesis.runs.empty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('pace.synthesis.tabs.runs')}>
          <TableHead>
            <TableRow>
              {['name', 'status', 'stage', 'answers', 'cost', 'created'].map((c) => (
                <TableCell key={c}>{t(`pace.synthesis.runs.${c}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.id}>
                <TableCell>
                  <Link to={`/synthesis/runs/${r.id}`}>{r.name}</Link>
                </TableCell>
                <TableCell>{t(`pace.synthesis.runs.run_status.${r.status}`)}</TableCell>
                <TableCell>{r.stage ? t(`pace.synthesis.runs.stages.${r.stage}`) : '—'}</TableCell>
                <TableCell>{`${r.progress.answers?.done ?? 0}/${r.progress.answers?.planned ?? 0}`}</TableCell>
                <TableCell>{`$${(r.usage.costUsd ?? 0).toFixed(4)}`}</TableCell>
                <TableCell>{formatDate(r.createdAt)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Stack>
  );
};
