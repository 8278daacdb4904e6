import { Alert, FormControlLabel, LinearProgress, Stack, Switch, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import type { PaceQueueView } from '../../../server/growth/growth-views';
import { useFormats } from '../experiments/format';
import { guidanceErrorText, guidanceText } from './guidanceText';
import { growthApi } from './growthApi';
import { growthKeys } from './useGrowth';

const G = 'pace.growth.hours';

/**
 * "The next N hours are worth most in …" (GET /guidance/hours): the ranking by expected gain per review hour, from each
 * ability's median review time and pass rate, with the figures it used.
 */
export const HoursPanel = ({ studyId = null, abilityNames }: { studyId?: number | null; abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const f = useFormats();
  const [hours, setHours] = useState('8');
  const valid = /^\d+$/.test(hours.trim()) && Number(hours) >= 1;
  const n = valid ? Number(hours) : 8;
  // a 4xx (409 while no study has fits) says the same on a retry: show it now, not after react-query's three retries (7 s)
  const { data, error, isPending } = useQuery({
    queryKey: growthKeys.hours(n, studyId),
    queryFn: () => growthApi.hours(n, studyId),
    retry: (failures, e) => failures < 3 && !(e instanceof HttpError && e.status < 500),
  });
  const inputs = new Map((data?.inputs ?? []).map((i) => [i.ability, i]));
  return (
    <Stack spacing={1.5}>
      <TextField
        size="small"
        sx={{ maxWidth: 160 }}
        label={translate(`${G}.hours`)}
        value={hours}
        onChange={(e) => setHours(e.target.value)}
        error={!valid}
        helperText={valid ? undefined : translate(`${G}.hours_invalid`)}
      />
      {error && <Alert severity="error">{translate('pace.growth.load_failed', { message: guidanceErrorText(translate, error, abilityNames) })}</Alert>}
      {isPending && <LinearProgress />}
      {data && (
        <>
          <Typography variant="subtitle1" component="p" data-testid="hours-summary">
            {guidanceText(translate, data.summary, abilityNames)}
          </Typography>
          <Table size="small" aria-label={translate(`${G}.title`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${G}.rank`)}</TableCell>
                <TableCell>{translate(`${G}.ability`)}</TableCell>
                <TableCell>{translate(`${G}.median_review`)}</TableCell>
                <TableCell>{translate(`${G}.pass_rate`)}</TableCell>
                <TableCell>{translate(`${G}.accepted_per_hour`)}</TableCell>
                <TableCell>{translate(`${G}.gain`)}</TableCell>
                <TableCell>{translate(`${G}.weight`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.abilities.map((a) => {
                const input = inputs.get(a.ability);
                return (
                  <TableRow key={a.ability} data-testid={`hours-${a.ability}`}>
                    <TableCell>{a.rank}</TableCell>
                    <TableCell component="th" scope="row" title={a.reasons.map((r) => guidanceText(translate, r, abilityNames)).join(' ')}>
                      {abilityNames[a.ability] ?? a.ability}
                    </TableCell>
                    <TableCell>{input ? f.duration(input.medianReviewSeconds) : '—'}</TableCell>
                    <TableCell>{input ? f.pct(input.passRate) : '—'}</TableCell>
                    <TableCell>{f.num(a.acceptedPerHour, 1)}</TableCell>
                    <TableCell>{`${a.gainInHours >= 0 ? '+' : '−'}${f.fixed(Math.abs(a.gainInHours) * 100, 2)} pt`}</TableCell>
                    <TableCell>{f.pct(a.weight)}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </Stack>
  );
};

/**
 * The opt-in pace-guided queue (GET/PUT /reviews/pace): when on, POST /reviews/next with no ability given prefers
 * abilities by these weights, after the stage priority. Leads and admins only.
 */
export const PaceQueueToggle = ({ abilityNames }: { abilityNames: Readonly<Record<string, string>> }) => {
  const translate = useTranslate();
  const f = useFormats();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({ queryKey: growthKeys.pace, queryFn: growthApi.paceQueue });
  const save = useMutation({
    mutationFn: (enabled: boolean) => growthApi.setPaceQueue({ enabled, studyId: data?.studyId ?? null, hours: data?.hours }),
    onSuccess: (view: PaceQueueView) => queryClient.setQueryData(growthKeys.pace, view),
  });
  if (error) return <Alert severity="error">{translate('pace.growth.load_failed', { message: error.message })}</Alert>;
  if (isPending) return <LinearProgress />;
  const weights = data.weights.filter((w) => w.weight > 0);
  return (
    <Stack spacing={1}>
      <FormControlLabel
        control={<Switch checked={data.enabled} disabled={save.isPending} onChange={(e) => save.mutate(e.target.checked)} />}
        label={translate(`${G}.pace_queue`)}
      />
      <Typography variant="body2" color="text.secondary">
        {translate(`${G}.pace_queue_help`)}
      </Typography>
      {save.error && <Alert severity="error">{translate('pace.growth.load_failed', { message: save.error.message })}</Alert>}
      {weights.length === 0 ? (
        <Typography variant="body2">{translate(`${G}.no_weights`)}</Typography>
      ) : (
        <Table size="small" aria-label={translate(`${G}.weights_title`)}>
          <TableBody>
            {weights.map((w) => (
              <TableRow key={w.ability}>
                <TableCell>{w.rank}</TableCell>
                <TableCell component="th" scope="row">
                  {abilityNames[w.ability] ?? w.ability}
                </TableCell>
                <TableCell>{f.pct(w.weight)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {data.updatedAt && (
        <Typography variant="caption" color="text.secondary">
          {translate(`${G}.updated`, { time: f.date(data.updatedAt), who: data.updatedBy ?? '—' })}
        </Typography>
      )}
    </Stack>
  );
};
