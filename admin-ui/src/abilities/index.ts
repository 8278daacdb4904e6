import PsychologyIcon from '@mui/icons-material/Psychology';
import { AbilityCreate } from './AbilityCreate';
import { AbilityEdit } from './AbilityEdit';
import { AbilityList } from './AbilityList';

export default { list: AbilityList, edit: AbilityEdit, create: AbilityCreate, icon: PsychologyIcon, recordRepresentation: 'key' };
