import { BooleanField, DataTable, List, SearchInput, SelectField, SelectInput } from 'react-admin';
import { roleChoices } from '../choices';
import { DateTimeField } from '../i18n/dates';

const filters = [<SearchInput key="q" source="q" alwaysOn />, <SelectInput key="role" source="role" choices={roleChoices} alwaysOn />];

/** A row opens the user's form: role, active (deactivate), name and a password reset. */
export const UserList = () => (
  <List filters={filters} sort={{ field: 'email', order: 'ASC' }}>
    <DataTable bulkActionButtons={false} rowClick="edit" rowSx={(user) => (user.active ? {} : { opacity: 0.6 })}>
      <DataTable.Col source="email" />
      <DataTable.Col source="name" />
      <DataTable.Col source="role">
        <SelectField source="role" choices={roleChoices} />
      </DataTable.Col>
      <DataTable.Col source="active" field={BooleanField} />
      <DataTable.Col source="createdAt" field={DateTimeField} />
    </DataTable>
  </List>
);
