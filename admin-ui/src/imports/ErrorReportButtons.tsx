import DownloadIcon from '@mui/icons-material/Download';
import { useState } from 'react';
import { Button, useNotify, useRecordContext } from 'react-admin';
import type { ImportRecord } from './importRecord';
import { downloadErrorReport } from './importsApi';

/** The whole error report as a file, CSV (opens in a spreadsheet) or JSON Lines. */
export const ErrorReportButtons = () => {
  const record = useRecordContext<ImportRecord>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!record || !record.errorCount) return null;
  const download = async (format: 'csv' | 'jsonl') => {
    setBusy(true);
    try {
      await downloadErrorReport(record.id, format);
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button label="pace.import_errors.download_csv" onClick={() => download('csv')} disabled={busy}>
        <DownloadIcon />
      </Button>
      <Button label="pace.import_errors.download_jsonl" onClick={() => download('jsonl')} disabled={busy}>
        <DownloadIcon />
      </Button>
    </>
  );
};
