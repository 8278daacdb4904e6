import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Button, Card, CardContent, IconButton, Stack, Tooltip, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Title, useGetList, useGetOne, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { ExportPanel } from '../exports/ExportPanel';
import { ContaminationFlags } from './ContaminationFlags';
import { CountsTable } from './CountsTable';
import { DiffView } from './DiffView';
import { RESOURCE, useLiveVersionProgress } from './liveVersions';
import { VersionStatus } from './VersionStatus';
import { versionsApi } from './versionsApi';
import type { VersionRecord } from './versionTypes';
import { useFormatDate } from '../i18n/dates';
import { useAbilityNames } from '../growth/useGrowth';

const S = 'pace.versions.show';

const Section = ({ title, children }: { title: string; children: ReactNode }) => (
  <Card sx={{ mt: 2 }}>
    <CardContent>
      <Typography variant="h6" component="h2" sx={{ mb: 1 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/** One version: status, hash, parent and settings, counts per ability × split, flags, a diff, its exports. */
export const VersionShow = () => {
  const translate = useTranslate();
  const id = Number(useParams().id);
  useLiveVersionProgress(`dataset:${id}`);
  const { data: v, error } = useGetOne<VersionRecord>(RESOURCE, { id });
  const { data: versions } = useGetList<VersionRecord>(RESOURCE, { pagination: { page: 1, perPage: 200 }, sort: { field: 'createdAt', order: 'DESC' } });
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('pace.versions.load_failed', { message: (error as Error).message })}</Alert>;
  if (!v) return null;
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={v.name} />
      <Button component={Link} to="/versions" startIcon={<ArrowBackIcon />} size="small">
        {translate(`${S}.back`)}
      </Button>
      <Card sx={{ mt: 1 }}>
        <CardContent>
          <Stack direction="row" spacing={2} alignItems="center">
            <Typography variant="h5" component="h1">{v.name}</Typography>
            <VersionStatus version={v} />
            <FreezeControls version={v} />
          </Stack>
          {v.status === 'failed' && <Alert severity="error" sx={{ mt: 1 }}>{translate(`${S}.failed`, { reason: v.failureReason ?? '' })}</Alert>}
          <Header version={v} />
        </CardContent>
      </Card>
      {v.status === 'frozen' && (
        <>
          <Section title={translate('pace.versions.counts.title')}>
            <CountsTable counts={v.counts ?? {}} missing={v.missingPpl ?? {}} />
          </Section>
          <Section title={translate('pace.versions.flags.title')}>
            <ContaminationFlags version={v} />
          </Section>
          <Section title={translate('pace.versions.diff.title')}>
            <DiffView version={v} versions={versions ?? []} />
          </Section>
          <Section title={translate('pace.versions.exports')}>
            <ExportPanel versionId={v.id} />
          </Section>
        </>
      )}
    </Box>
  );
};

const Header = ({ version: v }: { version: VersionRecord }) => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const abilityNames = useAbilityNames();
  const notify = useNotify();
  const f = v.filter;
  const filter = [
    f.abilities?.map((a) => abilityNames[a] ?? a).join(translate('pace.growth.list_separator')),
    f.sourceIds?.length ? translate(`${S}.filter_sources`, { smart_count: f.sourceIds.length }) : null,
    f.acceptedFrom && `≥ ${formatDate(f.acceptedFrom)}`,
    f.acceptedTo && `< ${formatDate(f.acceptedTo)}`,
  ]
    .filter(Boolean)
    .join(' · ');
  const copy = () => void navigator.clipboard?.writeText(v.contentHash!).then(() => notify(`${S}.copied`, { type: 'info' }));
  return (
    <Stack spacing={0.5} sx={{ mt: 1 }}>
      {v.contentHash && (
        <Stack direction="row" alignItems="center" spacing={1}>
          <Typography variant="body2">{translate(`${S}.hash`)}:</Typography>
          <Typography variant="body2" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} data-testid="content-hash">{v.contentHash}</Typography>
          <Tooltip title={translate(`${S}.copy`)}>
            <IconButton size="small" onClick={copy} aria-label={translate(`${S}.copy`)}><ContentCopyIcon fontSize="inherit" /></IconButton>
          </Tooltip>
        </Stack>
      )}
      {v.parentId && (
        <Typography variant="body2">
          {translate(`${S}.parent`)}: <Link to={`/versions/${v.parentId}`}>{v.parentName}</Link>
        </Typography>
      )}
      <Typography variant="body2">
        {translate(`${S}.targets`, { valid: v.splitConfig.valid, test: v.splitConfig.test })} · {translate(`${S}.seed`)}: {v.splitConfig.seed}
      </Typography>
      <Typography variant="body2">{translate(`${S}.filter`)}: {filter || translate(`${S}.no_filter`)}</Typography>
      {v.notes && <Typography variant="body2">{translate(`${S}.notes`)}: {v.notes}</Typography>}
      <Typography variant="caption" color="text.secondary">
        {translate(`${S}.created`, { name: v.createdByName ?? '—', date: formatDate(v.createdAt) })}
        {v.frozenAt && ` · ${translate(`${S}.frozen_at`, { date: formatDate(v.frozenAt) })}`}
      </Typography>
    </Stack>
  );
};

const FreezeControls = ({ version }: { version: VersionRecord }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { mutate, isPending } = useMutation({
    mutationFn: (action: 'cancel' | 'resume') => versionsApi.action(version.id, action),
    onSuccess: (_, action) => {
      void queryClient.invalidateQueries({ queryKey: [RESOURCE] });
      notify(`${S}.${action}_sent`, { type: 'info' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  if (version.status === 'freezing') return <Button color="warning" disabled={isPending} onClick={() => mutate('cancel')}>{translate(`${S}.cancel`)}</Button>;
  if (version.status === 'cancelled' || version.status === 'failed') return <Button disabled={isPending} onClick={() => mutate('resume')}>{translate(`${S}.resume`)}</Button>;
  return null;
};
