import { DataTable, List, SelectField } from 'react-admin';
import { sourceKindChoices } from '../choices';
import { DateTimeField } from '../i18n/dates';

/** The server returns every source at once, unsorted by request: no paging, no sorting. */
export const SourceList = () => (
  <List pagination={false} perPage={1000} exporter={false}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="name" disableSort />
      <DataTable.Col source="kind" disableSort>
        <SelectField source="kind" choices={sourceKindChoices} />
      </DataTable.Col>
      <DataTable.Col source="license" disableSort />
      <DataTable.Col source="createdAt" field={DateTimeField} disableSort />
    </DataTable>
  </List>
);
