import { Create, email, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { roleChoices } from '../choices';
import { NewPasswordInput } from './NewPasswordInput';

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm>
      <TextInput source="email" type="email" validate={[required(), email()]} />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <NewPasswordInput isRequired />
    </SimpleForm>
  </Create>
);
