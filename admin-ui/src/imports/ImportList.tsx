import UploadIcon from '@mui/icons-material/UploadFile';
import {
  CreateButton,
  DataTable,
  ExportButton,
  FilterButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  TopToolbar,
} from 'react-admin';
import { importStatusChoices } from '../choices';
import type { SourceRecord } from '../sources/sourceRecord';
import { ImportControls } from './ImportControls';
import { ImportProgress } from './ImportProgress';
import { ACTIVE_REFETCH_MS, isActive, type ImportRecord } from './importRecord';
import { useLiveImportProgress } from './liveProgress';
import { OneLineText } from './OneLineText';
import { DateTimeField } from '../i18n/dates';

const filters = [
  <SelectInput key="status" source="status" choices={importStatusChoices} alwaysOn />,
  <ReferenceInput key="sourceId" source="sourceId" reference="sources">
    <SelectInput optionText="name" />
  </ReferenceInput>,
];

const ListActions = () => (
  <TopToolbar>
    <FilterButton />
    <CreateButton label="resources.imports.upload.action" icon={<UploadIcon />} />
    <ExportButton />
  </TopToolbar>
);

/**
 * The table fits the page (issue 16 item 6; a CLI import's long path made it 1,705 px wide at 1,440): every cell
 * and header stays on one line at its natural width, and the file column takes what is left (`width: 100%` with
 * `max-width: 0`, at least 200 px), its path cut short with an ellipsis. Narrower padding, progress bar and
 * timestamps (no seconds) leave the file name room.
 */
const FIT = {
  '& th, & td': { whiteSpace: 'nowrap', px: 1.5 },
  '& td.column-originalName': { width: '100%', maxWidth: 0, minWidth: 200 },
} as const;

export const ImportList = () => {
  useLiveImportProgress('imports');
  return (
    <List
      filters={filters}
      actions={<ListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      queryOptions={{
        refetchInterval: (query) => ((query.state.data?.data as ImportRecord[] | undefined)?.some(isActive) ? ACTIVE_REFETCH_MS : false),
      }}
    >
      <DataTable bulkActionButtons={false} rowClick="show" sx={FIT}>
        <DataTable.Col source="originalName" render={(r: ImportRecord) => <OneLineText text={r.originalName} path />} />
        <DataTable.Col source="adapter" disableSort />
        <DataTable.Col source="sourceId" disableSort>
          <ReferenceField source="sourceId" reference="sources" link={false}>
            <FunctionField<SourceRecord> render={(s) => <OneLineText text={s.name} maxWidth={200} />} />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={importStatusChoices} />
        </DataTable.Col>
        <DataTable.Col source="progress" disableSort>
          <ImportProgress minWidth={110} />
        </DataTable.Col>
        <DataTable.NumberCol source="itemsCreated" />
        <DataTable.NumberCol source="errorCount" disableSort />
        <DataTable.Col source="createdAt">
          <DateTimeField source="createdAt" />
        </DataTable.Col>
        <DataTable.Col label={false} disableSort>
          <ImportControls />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
