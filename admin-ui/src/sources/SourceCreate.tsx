import { Create } from 'react-admin';
import { SourceForm } from './SourceForm';

export const SourceCreate = () => (
  <Create redirect="list">
    <SourceForm />
  </Create>
);
