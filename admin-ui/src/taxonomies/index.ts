import AccountTreeIcon from '@mui/icons-material/AccountTree';
import { TaxonomyList } from './TaxonomyList';
import { TaxonomyShow } from './TaxonomyShow';

/** GLAN taxonomies (issue 15 item 1): the list, and each tree with its edits, votes and history. */
export default { list: TaxonomyList, show: TaxonomyShow, icon: AccountTreeIcon, recordRepresentation: 'name' };
