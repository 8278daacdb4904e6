import DownloadIcon from '@mui/icons-material/Download';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { Box, Chip, Collapse, LinearProgress, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Button, useNotify, useTranslate } from 'react-admin';
import { downloadArchive, exportsApi } from './exportsApi';
import { isActive, type ExportRecord } from './exportTypes';

const T = 'pace.exports';

/** One export: what it is, its live progress, cancel/resume, the archive and its manifest. */
export const ExportRow = ({ record: e, onChange }: { record: ExportRecord; onChange: (e: ExportRecord) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [showManifest, setShowManifest] = useState(false);
  const p = e.progress;
  const act = async (run: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await run();
    } catch (err) {
      notify((err as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  const action = (name: 'cancel' | 'resume') => act(async () => onChange(await exportsApi.action(e.id, name)));

  return (
    <Paper variant="outlined" sx={{ p: 1.5 }} data-testid={`export-${e.id}`}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Chip size="small" label={translate(`${T}.status.${e.status}`)} color={e.status === 'completed' ? 'success' : e.status === 'failed' ? 'error' : 'default'} />
        <Typography variant="body2">
          {e.recipeName ?? translate(`${T}.no_recipe`)} · {translate(`${T}.seed`)} {e.seed} · {e.formats.join(', ')}
        </Typography>
        <Box sx={{ flex: 1 }} />
        {isActive(e) && e.status !== 'cancelling' && <Button label={`${T}.cancel`} color="warning" onClick={() => action('cancel')} disabled={busy}><StopIcon /></Button>}
        {(e.status === 'cancelled' || e.status === 'failed') && <Button label={`${T}.resume`} onClick={() => action('resume')} disabled={busy}><PlayArrowIcon /></Button>}
        {e.status === 'completed' && <Button label={`${T}.download`} onClick={() => act(() => downloadArchive(e.id))} disabled={busy}><DownloadIcon /></Button>}
        {e.manifest && <Button label={`${T}.manifest`} onClick={() => setShowManifest((v) => !v)} />}
      </Stack>
      {e.status !== 'completed' && (
        <Box sx={{ mt: 1 }}>
          <LinearProgress variant="determinate" value={p.percent} aria-label="Progress" />
          <Typography variant="caption" color="text.secondary">
            {p.percent}% · {translate(`${T}.figures`, { rows: p.rowsWritten.toLocaleString(), total: p.rowsTotal.toLocaleString(), files: p.filesDone, filesTotal: p.filesTotal, mb: (p.bytesWritten / 1e6).toFixed(1) })}
            {p.currentFile ? ` · ${p.currentFile}` : ''}
          </Typography>
        </Box>
      )}
      {e.failureReason && <Typography variant="body2" color="error" sx={{ mt: 1 }}>{e.failureReason}</Typography>}
      {e.manifest && (
        <Collapse in={showManifest}>
          <Typography variant="caption" sx={{ display: 'block', mt: 1, fontFamily: 'monospace' }}>
            {translate(`${T}.manifest_sha`)}: {e.manifestSha256}
          </Typography>
          <Table size="small" aria-label={translate(`${T}.manifest`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${T}.file`)}</TableCell>
                <TableCell align="right">{translate(`${T}.rows`)}</TableCell>
                <TableCell align="right">{translate(`${T}.bytes`)}</TableCell>
                <TableCell>{translate(`${T}.sha256`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {e.manifest.files.map((f) => (
                <TableRow key={f.path}>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{f.path}</TableCell>
                  <TableCell align="right">{f.rows?.toLocaleString() ?? ''}</TableCell>
                  <TableCell align="right">{f.bytes.toLocaleString()}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }} title={f.sha256}>{f.sha256.slice(0, 16)}…</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Collapse>
      )}
    </Paper>
  );
};
