import { BooleanInput, Edit, required, SelectInput, SimpleForm, TextInput, useGetIdentity, useRecordContext } from 'react-admin';
import { roleChoices } from '../choices';
import { SaveToolbar } from '../SaveToolbar';
import { NewPasswordInput } from './NewPasswordInput';
import type { UserRecord } from './userRecord';

/** An admin cannot demote or deactivate themselves: the last admin would lock everyone out of user management. */
const RoleAndActive = () => {
  const user = useRecordContext<UserRecord>();
  const { identity } = useGetIdentity();
  const self = !!user && user.id === identity?.id;
  const helperText = self ? 'pace.users.own_account' : undefined;
  return (
    <>
      <SelectInput source="role" choices={roleChoices} validate={required()} disabled={self} helperText={helperText} />
      <BooleanInput source="active" disabled={self} helperText={helperText} />
    </>
  );
};

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm toolbar={<SaveToolbar />}>
      <TextInput source="email" readOnly />
      <TextInput source="name" validate={required()} />
      <RoleAndActive />
      <NewPasswordInput label="pace.users.new_password" />
    </SimpleForm>
  </Edit>
);
