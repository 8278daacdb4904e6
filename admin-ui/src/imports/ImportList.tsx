import UploadIcon from '@mui/icons-material/UploadFile';
import {
  CreateButton,
  DataTable,
  DateField,
  ExportButton,
  FilterButton,
  List,
  ReferenceField,
  ReferenceInput,
  SelectField,
  SelectInput,
  TextField,
  TopToolbar,
} from 'react-admin';
import { importStatusChoices } from '../choices';
import { ImportControls } from './ImportControls';
import { ImportProgress } from './ImportProgress';
import { ACTIVE_REFETCH_MS, isActive, type ImportRecord } from './importRecord';
import { useLiveImportProgress } from './liveProgress';

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
      <DataTable bulkActionButtons={false} rowClick="show">
        <DataTable.Col source="originalName" />
        <DataTable.Col source="adapter" disableSort />
        <DataTable.Col source="sourceId" disableSort>
          <ReferenceField source="sourceId" reference="sources" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="status">
          <SelectField source="status" choices={importStatusChoices} />
        </DataTable.Col>
        <DataTable.Col source="progress" disableSort>
          <ImportProgress />
        </DataTable.Col>
        <DataTable.NumberCol source="itemsCreated" />
        <DataTable.NumberCol source="errorCount" disableSort />
        <DataTable.Col source="createdAt">
          <DateField source="createdAt" showTime />
        </DataTable.Col>
        <DataTable.Col label={false} disableSort>
          <ImportControls />
        </DataTable.Col>
      </DataTable>
    </List>
  );
};
