import { Edit } from 'react-admin';
import { SourceForm } from './SourceForm';
import { SourceReviewModes } from './SourceReviewModes';

/** The source's form; a synthetic source also shows its items by review mode beside it. */
export const SourceEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" aside={<SourceReviewModes />}>
    <SourceForm editing />
  </Edit>
);
