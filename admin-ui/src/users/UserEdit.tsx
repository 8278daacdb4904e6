import { BooleanInput, Edit, minLength, PasswordInput, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { roleChoices } from '../choices';
import { SaveToolbar } from '../SaveToolbar';

export const UserEdit = () => (
  <Edit mutationMode="pessimistic">
    <SimpleForm toolbar={<SaveToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" validate={required()} />
      <SelectInput source="role" choices={roleChoices} validate={required()} />
      <BooleanInput source="active" />
      <PasswordInput source="password" label="pace.users.new_password" validate={minLength(10)} />
    </SimpleForm>
  </Edit>
);
