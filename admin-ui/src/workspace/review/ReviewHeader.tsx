import Keyboard from '@mui/icons-material/Keyboard';
import { Button, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ReviewModeChip } from '../../items/ReviewModeChip';
import { AbilityLabel } from '../shared/AbilityLabel';
import { LeaseCountdown } from '../shared/LeaseCountdown';
import type { ReviewLease, Tally } from '../shared/types';
import { TodayCounter } from './TodayCounter';
import { WorkChooser } from './WorkChooser';
import type { WorkChoice } from './workChoice';

interface Props {
  lease: ReviewLease | null;
  tally: Tally | null;
  /** The work asked for next (kind, ability); changing it hands back what is held and asks again. */
  choice: WorkChoice;
  onChoose: (choice: WorkChoice) => void;
  onExpired: () => void;
  onSkip: () => void;
  onHelp: () => void;
}

/** What is being judged and where the reviewer stands: the round, the item, the work chosen, today's count, the lease. */
export const ReviewHeader = ({ lease, tally, choice, onChoose, onExpired, onSkip, onHelp }: Props) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
      {lease && (
        <>
          <Typography variant="h6" component="h2">
            {translate(`pace.workspace.review.kind.${lease.round.kind}`)}
          </Typography>
          <Typography color="text.secondary" data-testid="item-number">
            {translate('pace.workspace.item.number', { id: lease.item.id })}
          </Typography>
          <AbilityLabel ability={lease.ability} />
          <Typography variant="body2" color="text.secondary">
            {translate('pace.workspace.item.source', { name: lease.source.name })}
          </Typography>
          <ReviewModeChip mode={lease.item.reviewMode} />
          {lease.round.reviewsNeeded === 1 && (
            <Typography variant="body2" color="info.main" role="note">
              {translate('pace.workspace.review.single_decides')}
            </Typography>
          )}
        </>
      )}
      <Stack direction="row" spacing={1} alignItems="center" sx={{ ml: 'auto' }}>
        <WorkChooser choice={choice} onChange={onChoose} />
        <TodayCounter tally={tally} />
        {lease && <LeaseCountdown key={lease.lease.id} expiresAt={lease.lease.expiresAt} onExpired={onExpired} />}
        {lease && (
          <Tooltip title={translate('pace.workspace.lease.skip_hint')} describeChild>
            <Button onClick={onSkip}>{translate('pace.workspace.lease.skip')}</Button>
          </Tooltip>
        )}
        <Tooltip title={translate('pace.workspace.review.help_button')}>
          <IconButton onClick={onHelp} aria-label={translate('pace.workspace.review.help_button')}>
            <Keyboard />
          </IconButton>
        </Tooltip>
      </Stack>
    </Stack>
  );
};
