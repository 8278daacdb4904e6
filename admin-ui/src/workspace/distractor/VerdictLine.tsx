import CheckCircle from '@mui/icons-material/CheckCircle';
import ErrorOutline from '@mui/icons-material/ErrorOutline';
import { CircularProgress, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { CheckState } from './useDistractorCheck';
import { percent, thresholdOf, verdictOf } from './verdict';

/** The server's check, inline under the field: ok, too close or too far, with the edit ratio and the threshold. */
export const VerdictLine = ({ state, text }: { state: CheckState; text: string }) => {
  const translate = useTranslate();
  if (state.status === 'idle') return null;
  if (state.status === 'failed') return <Typography color="error">{state.message}</Typography>;
  const check = state.status === 'done' ? state.check : state.last;
  if (!check)
    return (
      <Stack direction="row" spacing={1} alignItems="center">
        <CircularProgress size={14} />
        <Typography variant="body2">{translate('pace.workspace.distractor.checking')}</Typography>
      </Stack>
    );
  const verdict = verdictOf(check, text);
  const ratio = percent(check.editRatio);
  const threshold = percent(thresholdOf(check));
  const message =
    verdict === 'ok'
      ? translate('pace.workspace.distractor.ok', { ratio, rule: translate(`pace.workspace.distractor.rule.${check.kind}`, { threshold }) })
      : verdict === 'too_far' || verdict === 'too_close'
        ? translate(`pace.workspace.distractor.${verdict}`, { ratio, threshold })
        : verdict === 'other'
          ? check.message
          : translate(`pace.workspace.distractor.${verdict}`);
  return (
    <Stack direction="row" spacing={1} alignItems="center" role="status" data-verdict={verdict} sx={{ opacity: state.status === 'checking' ? 0.6 : 1 }}>
      {verdict === 'ok' ? <CheckCircle color="success" fontSize="small" /> : <ErrorOutline color="error" fontSize="small" />}
      <Typography variant="body2" color={verdict === 'ok' ? 'success.main' : 'error'}>
        {message}
      </Typography>
    </Stack>
  );
};
