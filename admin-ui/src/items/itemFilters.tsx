import { ReferenceInput, SearchInput, SelectInput } from 'react-admin';
import { AbilityName } from '../abilities/AbilityName';
import { answerTypeChoices, itemStatusChoices, reviewModeChoices, splitChoices } from '../choices';

/** The filters GET /api/items understands: abilityId, status, sourceId, split, reviewMode, answerType and text search `q`. */
export const itemFilters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <ReferenceInput key="abilityId" source="abilityId" reference="abilities" alwaysOn>
    <SelectInput optionText={<AbilityName />} />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={itemStatusChoices} alwaysOn />,
  <ReferenceInput key="sourceId" source="sourceId" reference="sources">
    <SelectInput optionText="name" />
  </ReferenceInput>,
  <SelectInput key="split" source="split" choices={splitChoices} />,
  <SelectInput key="reviewMode" source="reviewMode" choices={reviewModeChoices} />,
  <SelectInput key="answerType" source="answerType" choices={answerTypeChoices} />,
];
