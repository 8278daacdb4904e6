import { Edit } from 'react-admin';
import { SourceForm } from './SourceForm';

export const SourceEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SourceForm editing />
  </Edit>
);
