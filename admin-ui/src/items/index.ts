import ListAltIcon from '@mui/icons-material/ListAlt';
import { ItemList } from './ItemList';
import { ItemShow } from './ItemShow';

export default { list: ItemList, show: ItemShow, icon: ListAltIcon };
