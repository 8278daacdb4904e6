import { DataTable, DateField, List, ReferenceField, SelectField, TextField } from 'react-admin';
import { AbilityName } from '../abilities/AbilityName';
import { answerTypeChoices, itemStatusChoices, splitChoices } from '../choices';
import { itemFilters } from './itemFilters';
import { instructionPreview, type ItemRecord } from './itemRecord';
import { ReviewModeChip } from './ReviewModeChip';

export const ItemList = () => (
  <List filters={itemFilters} sort={{ field: 'id', order: 'ASC' }}>
    <DataTable bulkActionButtons={false} rowClick="show">
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
      <DataTable.Col source="createdAt" field={DateField} />
    </DataTable>
  </List>
);
