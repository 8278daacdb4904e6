import { Box } from '@mui/material';
import { NumberField, ReferenceField, SelectField, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { importStatusChoices } from '../choices';
import { ImportControls } from './ImportControls';
import { ImportErrors } from './ImportErrors';
import { ImportProgress } from './ImportProgress';
import { ACTIVE_REFETCH_MS, isActive, type ImportRecord } from './importRecord';
import { useLiveImportProgress } from './liveProgress';
import { DateTimeField } from '../i18n/dates';

/** Joins the import's own room while its page is open. */
const FollowProgress = () => {
  const record = useRecordContext<ImportRecord>();
  useLiveImportProgress(record ? `import:${record.id}` : null);
  return null;
};

export const ImportShow = () => (
  <Show
    actions={
      <TopToolbar>
        <ImportControls />
      </TopToolbar>
    }
    queryOptions={{
      refetchInterval: (query) => (query.state.data && isActive(query.state.data as ImportRecord) ? ACTIVE_REFETCH_MS : false),
    }}
  >
    <FollowProgress />
    <SimpleShowLayout>
      {/* a long path breaks anywhere on its own page, rather than widening it */}
      <TextField source="originalName" sx={{ overflowWrap: 'anywhere' }} />
      <TextField source="adapter" />
      <ReferenceField source="sourceId" reference="sources" link={false}>
        <TextField source="name" />
      </ReferenceField>
      <SelectField source="status" choices={importStatusChoices} />
      <ImportProgress label="resources.imports.fields.progress" />
      <NumberField source="linesRead" />
      <NumberField source="itemsCreated" />
      <NumberField source="exactDuplicates" />
      <NumberField source="nearDuplicates" />
      <NumberField source="skipped" />
      <NumberField source="errorCount" />
      <NumberField source="progress.linesPerSecond" label="resources.imports.fields.linesPerSecond" />
      <TextField source="failureReason" emptyText="—" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="startedAt" emptyText="—" />
      <DateTimeField source="finishedAt" emptyText="—" />
    </SimpleShowLayout>
    <Box sx={{ px: 2, pb: 2 }}>
      <ImportErrors />
    </Box>
  </Show>
);
