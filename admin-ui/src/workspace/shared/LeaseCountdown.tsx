import TimerOutlined from '@mui/icons-material/TimerOutlined';
import { Chip } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatSeconds, useCountdown } from './useCountdown';

/** Time left on the lease, turning amber under two minutes and red under thirty seconds. */
export const LeaseCountdown = ({ expiresAt, onExpired }: { expiresAt: string; onExpired: () => void }) => {
  const translate = useTranslate();
  const left = useCountdown(expiresAt, onExpired);
  if (left === null) return null;
  const color = left <= 30 ? 'error' : left <= 120 ? 'warning' : 'default';
  const time = formatSeconds(left);
  return (
    <Chip
      icon={<TimerOutlined />}
      color={color}
      variant={color === 'default' ? 'outlined' : 'filled'}
      label={time}
      role="timer"
      aria-label={translate('pace.workspace.lease.expires_in', { time })}
      title={translate('pace.workspace.lease.expires_in', { time })}
    />
  );
};
