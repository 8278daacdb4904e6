import { Chip, Tooltip } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ReviewMode } from '../../../server/items/item-views';

/**
 * "Single review" / "No review" on an item of a synthetic source that is not dual-reviewed (DESIGN.md invariant 1:
 * such items say so wherever they appear); nothing for a dual-reviewed item, the norm.
 */
export const ReviewModeChip = ({ mode }: { mode: ReviewMode | undefined }) => {
  const translate = useTranslate();
  if (!mode || mode === 'dual') return null;
  return (
    <Tooltip title={translate(`pace.review_mode.${mode}_hint`)}>
      <Chip
        size="small"
        variant="outlined"
        color={mode === 'none' ? 'warning' : 'info'}
        label={translate(`pace.review_mode.${mode}`)}
        data-testid="review-mode-chip"
      />
    </Tooltip>
  );
};
