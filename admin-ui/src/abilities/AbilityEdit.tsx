import { Edit } from 'react-admin';
import { AbilityForm } from './AbilityForm';

export const AbilityEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <AbilityForm editing />
  </Edit>
);
