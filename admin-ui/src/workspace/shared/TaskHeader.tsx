import { Button, Stack, Tooltip, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { AbilityLabel } from './AbilityLabel';
import { LeaseCountdown } from './LeaseCountdown';
import type { AbilityRef } from './types';

interface Props {
  title: string;
  itemId: number;
  ability: AbilityRef;
  /** The source's name, where the screen shows it. */
  source?: string;
  lease: { id: string; expiresAt: string };
  /** Called with the message to show when the lease runs out. */
  onLost: (message: string) => void;
  onSkip: () => void;
}

/** The row above a leased task: what it is, its ability, the time left on the lease and a way to skip it. */
export const TaskHeader = ({ title, itemId, ability, source, lease, onLost, onSkip }: Props) => {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={1.5} alignItems="center" flexWrap="wrap" useFlexGap>
      <Typography variant="h6" component="h2">
        {title}
      </Typography>
      <AbilityLabel ability={ability} />
      {source !== undefined && (
        <Typography variant="body2" color="text.secondary">
          {translate('pace.workspace.item.source', { name: source })}
        </Typography>
      )}
      <Stack direction="row" spacing={1} alignItems="center" sx={{ ml: 'auto' }}>
        <LeaseCountdown
          key={lease.id}
          expiresAt={lease.expiresAt}
          onExpired={() => onLost(translate('pace.workspace.lease.expired', { id: itemId }))}
        />
        <Tooltip title={translate('pace.workspace.lease.skip_hint')} describeChild>
          <Button onClick={onSkip}>{translate('pace.workspace.lease.skip')}</Button>
        </Tooltip>
      </Stack>
    </Stack>
  );
};
