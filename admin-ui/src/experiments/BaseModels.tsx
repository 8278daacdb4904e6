import DeleteIcon from '@mui/icons-material/Delete';
import { Alert, Box, Button, Card, CardContent, IconButton, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ExperimentsNav } from './ExperimentsNav';
import { experimentsApi } from './experimentsApi';
import { useFormats } from './format';
import { useBaseModels } from './useExperimentChoices';

const B = 'pace.experiments.base_models';

/** Base models registered by the path of a Hugging Face causal-LM folder on the workers, with their size. */
export const BaseModels = () => {
  const translate = useTranslate();
  const f = useFormats();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useBaseModels();
  const remove = useMutation({
    mutationFn: experimentsApi.deleteBaseModel,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['base-models'] }),
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`${B}.title`} />
      <CardContent>
        <ExperimentsNav current="base_models" />
        <RegisterForm />
        {error && <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>}
        {isPending && <LinearProgress />}
        {data?.length === 0 && <Alert severity="info">{translate(`${B}.empty`)}</Alert>}
        {data && data.length > 0 && (
          <Table size="small" aria-label={translate(`${B}.title`)}>
            <TableHead>
              <TableRow>
                {['name', 'path', 'parameters', 'notes', 'created', 'actions'].map((c) => (
                  <TableCell key={c}>{translate(`${B}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell component="th" scope="row">
                    {m.name}
                  </TableCell>
                  <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{m.path}</TableCell>
                  <TableCell>{m.parameters == null ? '—' : `${f.compact(m.parameters)} (${f.int(m.parameters)})`}</TableCell>
                  <TableCell>{m.notes || '—'}</TableCell>
                  <TableCell>{f.date(m.createdAt)}</TableCell>
                  <TableCell>
                    <IconButton size="small" aria-label={translate(`${B}.delete`, { name: m.name })} disabled={remove.isPending} onClick={() => remove.mutate(m.id)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};

const RegisterForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [path, setPath] = useState('');
  const [parameters, setParameters] = useState('');
  const [notes, setNotes] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const badParameters = parameters.trim() !== '' && !/^\d+$/.test(parameters.trim().replace(/[,_]/g, ''));
  const ready = name.trim() !== '' && path.trim() !== '' && !badParameters;
  const { mutate, isPending } = useMutation({
    mutationFn: () =>
      experimentsApi.createBaseModel({
        name: name.trim(),
        path: path.trim(),
        ...(parameters.trim() ? { parameters: Number(parameters.trim().replace(/[,_]/g, '')) } : {}),
        ...(notes.trim() ? { notes: notes.trim() } : {}),
      }),
    onSuccess: (m) => {
      setName('');
      setPath('');
      setParameters('');
      setNotes('');
      setRefusal(null);
      void queryClient.invalidateQueries({ queryKey: ['base-models'] });
      notify(`${B}.registered`, { type: 'info', messageArgs: { name: m.name } });
    },
    onError: (e: Error) => setRefusal(e.message),
  });
  return (
    <Box component="form" noValidate aria-label={translate(`${B}.register`)} onSubmit={(e) => (e.preventDefault(), ready && mutate())} sx={{ my: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        {translate(`${B}.register`)}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
        <TextField size="small" required label={translate(`${B}.name`)} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField size="small" required label={translate(`${B}.path`)} value={path} onChange={(e) => setPath(e.target.value)} helperText={translate(`${B}.path_help`)} sx={{ minWidth: 320 }} />
        <TextField
          size="small"
          label={translate(`${B}.parameters`)}
          value={parameters}
          onChange={(e) => setParameters(e.target.value)}
          error={badParameters}
          helperText={translate(badParameters ? 'pace.experiments.errors.integer' : `${B}.parameters_help`)}
        />
        <TextField size="small" label={translate(`${B}.notes`)} value={notes} onChange={(e) => setNotes(e.target.value)} />
        <Button type="submit" variant="contained" disabled={!ready || isPending}>
          {translate(`${B}.submit`)}
        </Button>
      </Stack>
      {refusal && <Alert severity="error" sx={{ mt: 1 }}>{refusal}</Alert>}
    </Box>
  );
};
