import type { SvgIconComponent } from '@mui/icons-material';
import DashboardIcon from '@mui/icons-material/Dashboard';
import InventoryIcon from '@mui/icons-material/Inventory2';
import ReceiptLongIcon from '@mui/icons-material/ReceiptLong';
import RateReviewIcon from '@mui/icons-material/RateReview';
import ScienceIcon from '@mui/icons-material/Science';
import ShowChartIcon from '@mui/icons-material/ShowChart';
import GridViewIcon from '@mui/icons-material/GridView';
import AutoAwesomeIcon from '@mui/icons-material/AutoAwesome';
import HistoryIcon from '@mui/icons-material/History';
import type { PageName } from '../roles';

export const PAGE_ICONS: Record<PageName, SvgIconComponent> = {
  dashboard: DashboardIcon,
  workspace: RateReviewIcon,
  'my-work': HistoryIcon,
  versions: InventoryIcon,
  recipes: ReceiptLongIcon,
  experiments: ScienceIcon,
  studies: GridViewIcon,
  'growth-curves': ShowChartIcon,
  synthesis: AutoAwesomeIcon,
};
