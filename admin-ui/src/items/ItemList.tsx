import { DataTable, List, ReferenceField, SelectField, TextField, usePermissions } from 'react-admin';
import { AbilityName } from '../abilities/AbilityName';
import { answerTypeChoices, itemStatusChoices, splitChoices } from '../choices';
import { ItemBulkActions } from './ItemBulkActions';
import { itemFilters } from './itemFilters';
import { instructionPreview, type ItemRecord } from './itemRecord';
import { ReviewModeChip } from './ReviewModeChip';
import { DateTimeField } from '../i18n/dates';

/** Items, filtered and searched; leads and admins select items to send to revision, re-open or put in a split. */
export const ItemList = () => {
  const { permissions } = usePermissions<string>();
  const lead = permissions === 'lead' || permissions === 'admin';
  return (
    <List filters={itemFilters} sort={{ field: 'id', order: 'ASC' }}>
      <DataTable bulkActionButtons={lead ? <ItemBulkActions /> : false} rowClick="show">
        <DataTable.Col source="id" />
        <DataTable.Col source="abilityId">
          <ReferenceField source="abilityId" reference="abilities" link={false}>
            <AbilityName />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col<ItemRecord> source="instruction" disableSort render={(item) => instructionPreview(item)} />
        <DataTable.Col source="status">
          <SelectField source="status" choices={itemStatusChoices} />
        </DataTable.Col>
        <DataTable.Col source="answerType" disableSort>
          <SelectField source="answerType" choices={answerTypeChoices} />
        </DataTable.Col>
        <DataTable.Col<ItemRecord> source="reviewMode" disableSort render={(item) => <ReviewModeChip mode={item.reviewMode} />} />
        <DataTable.Col source="split" disableSort>
          <SelectField source="split" choices={splitChoices} emptyText="—" />
        </DataTable.Col>
        <DataTable.Col source="sourceId" disableSort>
          <ReferenceField source="sourceId" reference="sources" link={false}>
            <TextField source="name" />
          </ReferenceField>
        </DataTable.Col>
        <DataTable.Col source="createdAt" field={DateTimeField} />
      </DataTable>
    </List>
  );
};
