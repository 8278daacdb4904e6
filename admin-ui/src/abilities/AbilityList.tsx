import { DataTable, List } from 'react-admin';

/** The server returns every ability at once, unsorted by request: no paging, no sorting. */
export const AbilityList = () => (
  <List pagination={false} perPage={1000} exporter={false}>
    <DataTable bulkActionButtons={false}>
      <DataTable.Col source="key" disableSort />
      <DataTable.Col source="nameEn" disableSort />
      <DataTable.Col source="nameZh" disableSort />
      <DataTable.Col source="description" disableSort />
    </DataTable>
  </List>
);
