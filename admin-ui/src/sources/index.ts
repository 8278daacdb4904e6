import SourceIcon from '@mui/icons-material/Source';
import { SourceCreate } from './SourceCreate';
import { SourceEdit } from './SourceEdit';
import { SourceList } from './SourceList';

export default { list: SourceList, edit: SourceEdit, create: SourceCreate, icon: SourceIcon, recordRepresentation: 'name' };
