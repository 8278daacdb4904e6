import { maxLength, required, SelectInput, SimpleForm, TextInput } from 'react-admin';
import { sourceKindChoices } from '../choices';
import { SaveToolbar } from '../SaveToolbar';

/** react-admin sends a cleared input as null; notes is NOT NULL DEFAULT '', so clearing sends ''. */
const keepEmpty = (value: string | null) => value ?? '';

/** A source keeps its name once created (imports find it by name). */
export const SourceForm = ({ editing }: { editing?: boolean }) => (
  <SimpleForm toolbar={<SaveToolbar />}>
    <TextInput source="name" readOnly={editing} validate={editing ? undefined : [required(), maxLength(200)]} />
    <SelectInput source="kind" choices={sourceKindChoices} validate={required()} />
    <TextInput source="license" validate={maxLength(500)} />
    <TextInput source="notes" multiline parse={keepEmpty} validate={maxLength(5000)} />
  </SimpleForm>
);
