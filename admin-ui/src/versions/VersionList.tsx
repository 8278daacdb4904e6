import AcUnitIcon from '@mui/icons-material/AcUnit';
import { Alert, Button, Card, CardContent, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, useGetList, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router';
import { FreezeDialog } from './FreezeDialog';
import { RESOURCE, useLiveVersionProgress } from './liveVersions';
import { VersionStatus } from './VersionStatus';
import type { VersionRecord } from './versionTypes';
import { useFormatDate } from '../i18n/dates';

const L = 'pace.versions.list';

/** Every version, newest first, with live freezing progress; the freeze dialog starts a new one. */
export const VersionList = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const navigate = useNavigate();
  const [freezing, setFreezing] = useState(false);
  useLiveVersionProgress('datasets');
  const { data, error } = useGetList<VersionRecord>(RESOURCE, {
    pagination: { page: 1, perPage: 200 },
    sort: { field: 'createdAt', order: 'DESC' },
  });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="pace.page.versions.title" />
      <CardContent>
        <Stack direction="row" sx={{ mb: 2 }}>
          <Button variant="contained" startIcon={<AcUnitIcon />} onClick={() => setFreezing(true)} sx={{ ml: 'auto' }}>
            {translate(`${L}.freeze`)}
          </Button>
        </Stack>
        {error && <Alert severity="error">{translate('pace.versions.load_failed', { message: (error as Error).message })}</Alert>}
        {data?.length === 0 && <Alert severity="info">{translate(`${L}.empty`)}</Alert>}
        {data && data.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                {['name', 'status', 'items', 'parent', 'hash', 'created'].map((c) => (
                  <TableCell key={c}>{translate(`${L}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((v) => (
                <TableRow key={v.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/versions/${v.id}`)}>
                  <TableCell>
                    <Typography fontWeight={600}>{v.name}</Typography>
                    {v.notes && (
                      <Typography variant="caption" color="text.secondary">
                        {v.notes}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <VersionStatus version={v} />
                  </TableCell>
                  <TableCell>{v.itemCount?.toLocaleString() ?? '—'}</TableCell>
                  <TableCell>{v.parentName ?? '—'}</TableCell>
                  <TableCell sx={{ fontFamily: 'monospace' }}>{v.contentHash ? v.contentHash.slice(0, 12) : '—'}</TableCell>
                  <TableCell>{formatDate(v.createdAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      {freezing && <FreezeDialog versions={data ?? []} onClose={() => setFreezing(false)} onFrozen={(v) => navigate(`/versions/${v.id}`)} />}
    </Card>
  );
};
