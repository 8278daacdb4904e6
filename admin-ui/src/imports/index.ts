import UploadFileIcon from '@mui/icons-material/UploadFile';
import { ImportList } from './ImportList';
import { ImportShow } from './ImportShow';

export default { list: ImportList, show: ImportShow, icon: UploadFileIcon, recordRepresentation: 'originalName' };
