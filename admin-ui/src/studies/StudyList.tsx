import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { Title, usePermissions, useTranslate } from 'react-admin';
import { Link } from 'react-router';
import { useFormats } from '../experiments/format';
import { StudyCreateDialog } from './StudyCreateDialog';
import { StudyProgressBar } from './StudyProgressBar';
import { useStudies } from './liveStudies';

const S = 'pace.studies';

/** Every study with its template, version, grid size and live progress. */
export const StudyList = () => {
  const translate = useTranslate();
  const f = useFormats();
  const { data, error, isPending } = useStudies();
  const [creating, setCreating] = useState(false);
  // leads read studies (the growth page's study filter); researchers and admins create them
  const { permissions } = usePermissions();
  const canWrite = permissions === 'researcher' || permissions === 'admin';
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`${S}.title`} />
      <CardContent>
        <Stack direction="row" justifyContent="space-between" alignItems="center" sx={{ mb: 2 }}>
          <Typography variant="h5" component="h1">
            {translate(`${S}.title`)}
          </Typography>
          {canWrite && (
            <Button variant="contained" onClick={() => setCreating(true)}>
              {translate(`${S}.create.open`)}
            </Button>
          )}
        </Stack>
        {error && <Alert severity="error">{translate(`${S}.load_failed`, { message: error.message })}</Alert>}
        {isPending && <LinearProgress />}
        {data?.length === 0 && <Typography color="text.secondary">{translate(`${S}.empty`)}</Typography>}
        {data && data.length > 0 && (
          <Table size="small" aria-label={translate(`${S}.title`)}>
            <TableHead>
              <TableRow>
                <TableCell>{translate(`${S}.name`)}</TableCell>
                <TableCell>{translate(`${S}.template`)}</TableCell>
                <TableCell>{translate(`${S}.version`)}</TableCell>
                <TableCell>{translate(`${S}.runs`)}</TableCell>
                <TableCell>{translate(`${S}.progress.label`)}</TableCell>
                <TableCell>{translate(`${S}.created`)}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((s) => (
                <TableRow key={s.id} data-testid={`study-${s.id}`}>
                  <TableCell>
                    <Link to={`/studies/${s.id}`}>{s.name}</Link>
                  </TableCell>
                  <TableCell>{translate(`${S}.templates.${s.template}`)}</TableCell>
                  <TableCell>{s.followVersions ? translate(`${S}.every_version`) : (s.version?.name ?? '—')}</TableCell>
                  <TableCell>{f.int(s.progress.total)}</TableCell>
                  <TableCell>
                    <StudyProgressBar progress={s.progress} />
                  </TableCell>
                  <TableCell>
                    <Box component="span">{f.date(s.createdAt)}</Box>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
      <StudyCreateDialog open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
};
