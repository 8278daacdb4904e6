import DownloadIcon from '@mui/icons-material/Download';
import { Stack } from '@mui/material';
import { useState } from 'react';
import { Button, useLocaleState, useNotify } from 'react-admin';
import { experimentsApi, type ExperimentChartFile } from './experimentsApi';

const FILES: Array<{ file: ExperimentChartFile; label: string }> = [
  { file: 'loss.svg', label: 'pace.experiments.curve.download_svg' },
  { file: 'loss.png', label: 'pace.experiments.curve.download_png' },
];

/** The loss curve as the server draws it for publishing, in the page's language. */
export const ChartDownloads = ({ experimentId }: { experimentId: string }) => {
  const [locale] = useLocaleState();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const download = async (file: ExperimentChartFile) => {
    setBusy(true);
    try {
      await experimentsApi.downloadChart(experimentId, file, locale);
    } catch (err) {
      notify('pace.experiments.curve.download_failed', { type: 'error', messageArgs: { message: (err as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
      {FILES.map(({ file, label }) => (
        <Button key={file} label={label} onClick={() => download(file)} disabled={busy}>
          <DownloadIcon />
        </Button>
      ))}
    </Stack>
  );
};
