import { Stack, Typography } from '@mui/material';
import { DataTable, ListBase, Pagination, useRecordContext, useTranslate } from 'react-admin';
import { ErrorReportButtons } from './ErrorReportButtons';
import { ACTIVE_REFETCH_MS, isActive, type ImportRecord } from './importRecord';

/** The lines an import refused, from GET /api/imports/:id/errors, in line order. */
export const ImportErrors = () => {
  const record = useRecordContext<ImportRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <ListBase
      resource={`imports/${record.id}/errors`}
      sort={{ field: 'line', order: 'ASC' }}
      perPage={25}
      disableSyncWithLocation
      queryOptions={{ refetchInterval: isActive(record) ? ACTIVE_REFETCH_MS : false }}
    >
      <Stack direction="row" alignItems="center" spacing={1} sx={{ mt: 2 }}>
        <Typography variant="h6" component="h2">
          {translate('pace.import_errors.title')}
        </Typography>
        <ErrorReportButtons />
      </Stack>
      <DataTable bulkActionButtons={false} rowClick={false} empty={<Typography sx={{ py: 2 }}>{translate('pace.import_errors.none')}</Typography>}>
        <DataTable.Col source="file" label="pace.import_errors.file" disableSort />
        <DataTable.Col source="line" label="pace.import_errors.line" />
        <DataTable.Col source="field" label="pace.import_errors.field" disableSort />
        <DataTable.Col source="reason" label="pace.import_errors.reason" disableSort />
        <DataTable.Col source="excerpt" label="pace.import_errors.excerpt" disableSort cellSx={() => ({ fontFamily: 'monospace', wordBreak: 'break-all' })} />
      </DataTable>
      <Pagination />
    </ListBase>
  );
};
