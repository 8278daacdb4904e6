import { maxLength, regex, required, SimpleForm, TextInput } from 'react-admin';
import { SaveToolbar } from '../SaveToolbar';

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
/** react-admin sends a cleared input as null; the column is NOT NULL DEFAULT '', so clearing sends ''. */
const keepEmpty = (value: string | null) => value ?? '';

/** The key is set once: records, exports and recipes refer to it, so editing shows it read-only. */
export const AbilityForm = ({ editing }: { editing?: boolean }) => (
  <SimpleForm toolbar={<SaveToolbar />}>
    <TextInput source="key" readOnly={editing} validate={editing ? undefined : [required(), regex(KEY_PATTERN)]} />
    <TextInput source="nameEn" validate={[required(), maxLength(100)]} />
    <TextInput source="nameZh" validate={[required(), maxLength(100)]} />
    <TextInput source="description" multiline parse={keepEmpty} validate={maxLength(2000)} />
  </SimpleForm>
);
