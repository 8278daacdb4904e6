import { Create } from 'react-admin';
import { AbilityForm } from './AbilityForm';

export const AbilityCreate = () => (
  <Create redirect="list">
    <AbilityForm />
  </Create>
);
