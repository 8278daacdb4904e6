import DeleteIcon from '@mui/icons-material/Delete';
import EditIcon from '@mui/icons-material/Edit';
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  FormControlLabel,
  IconButton,
  LinearProgress,
  Stack,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Title, useNotify, useTranslate } from 'react-admin';
import { ExperimentsNav } from './ExperimentsNav';
import { experimentsApi } from './experimentsApi';
import { PolicyTargets } from './PolicyTargets';
import type { PolicyView } from './experimentTypes';
import { useFormats } from './format';
import { PolicyEditDialog } from './PolicyEditDialog';
import { useBaseModels, useRecipeNames } from './useExperimentChoices';

const P = 'pace.experiments.policies';
const KEY = ['experiment-policies'];

/** Policies turn each newly frozen version into queued experiments: one per recipe, on one base model. */
export const Policies = () => {
  const translate = useTranslate();
  const f = useFormats();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { data, error, isPending } = useQuery({ queryKey: KEY, queryFn: experimentsApi.policies });
  const onError = (e: Error) => notify(e.message, { type: 'error' });
  const [editing, setEditing] = useState<PolicyView | null>(null);
  const replace = (p: PolicyView) => queryClient.setQueryData<PolicyView[]>(KEY, (rows) => rows?.map((r) => (r.id === p.id ? p : r)));
  const update = useMutation({
    mutationFn: ({ id, enabled }: { id: number; enabled: boolean }) => experimentsApi.updatePolicy(id, { enabled }),
    onSuccess: (p) => replace(p),
    onError,
  });
  const remove = useMutation({ mutationFn: experimentsApi.deletePolicy, onSuccess: () => void queryClient.invalidateQueries({ queryKey: KEY }), onError });
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={`${P}.title`} />
      <CardContent>
        <ExperimentsNav current="policies" />
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {translate(`${P}.explain`)}
        </Typography>
        <PolicyForm />
        {error && <Alert severity="error">{translate('pace.experiments.load_failed', { message: error.message })}</Alert>}
        {isPending && <LinearProgress />}
        {data?.length === 0 && <Alert severity="info">{translate(`${P}.empty`)}</Alert>}
        {data && data.length > 0 && (
          <Table size="small" aria-label={translate(`${P}.title`)}>
            <TableHead>
              <TableRow>
                {['name', 'base_model', 'recipes', 'seed', 'experiments', 'enabled', 'actions'].map((c) => (
                  <TableCell key={c}>{translate(`${P}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((p) => (
                <TableRow key={p.id}>
                  <TableCell component="th" scope="row">
                    {p.name}
                  </TableCell>
                  <TableCell>{p.baseModelName}</TableCell>
                  <TableCell>
                    <Stack direction="row" spacing={0.5} flexWrap="wrap" useFlexGap>
                      {p.recipes.map((r) => (
                        <Chip key={r} size="small" label={r} />
                      ))}
                    </Stack>
                  </TableCell>
                  <TableCell>{f.int(p.seed)}</TableCell>
                  <TableCell>{f.int(p.experiments)}</TableCell>
                  <TableCell>
                    <Switch
                      checked={p.enabled}
                      disabled={update.isPending}
                      onChange={(e) => update.mutate({ id: p.id, enabled: e.target.checked })}
                      slotProps={{ input: { 'aria-label': translate(`${P}.enabled_for`, { name: p.name }) } }}
                    />
                  </TableCell>
                  <TableCell>
                    <IconButton size="small" aria-label={translate(`${P}.edit`, { name: p.name })} onClick={() => setEditing(p)}>
                      <EditIcon fontSize="small" />
                    </IconButton>
                    <IconButton size="small" aria-label={translate(`${P}.delete`, { name: p.name })} disabled={remove.isPending} onClick={() => remove.mutate(p.id)}>
                      <DeleteIcon fontSize="small" />
                    </IconButton>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {editing && <PolicyEditDialog policy={editing} onClose={() => setEditing(null)} onSaved={replace} />}
      </CardContent>
    </Card>
  );
};

const PolicyForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const baseModels = useBaseModels();
  const recipes = useRecipeNames();
  const [name, setName] = useState('');
  const [baseModelId, setBaseModelId] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [seed, setSeed] = useState('42');
  const [enabled, setEnabled] = useState(true);
  const [refusal, setRefusal] = useState<string | null>(null);
  const badSeed = !/^\d+$/.test(seed.trim());
  const ready = name.trim() !== '' && baseModelId !== '' && chosen.length > 0 && !badSeed;
  const { mutate, isPending } = useMutation({
    mutationFn: () => experimentsApi.createPolicy({ name: name.trim(), baseModelId: Number(baseModelId), recipes: chosen, seed: Number(seed), enabled }),
    onSuccess: (p) => {
      setName('');
      setChosen([]);
      setRefusal(null);
      void queryClient.invalidateQueries({ queryKey: KEY });
      notify(`${P}.created`, { type: 'info', messageArgs: { name: p.name } });
    },
    onError: (e: Error) => setRefusal(e.message),
  });
  return (
    <Box component="form" noValidate aria-label={translate(`${P}.create`)} onSubmit={(e) => (e.preventDefault(), ready && mutate())} sx={{ my: 2 }}>
      <Typography variant="subtitle1" component="h2" sx={{ mb: 1 }}>
        {translate(`${P}.create`)}
      </Typography>
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} alignItems="flex-start">
        <TextField size="small" required label={translate(`${P}.name`)} value={name} onChange={(e) => setName(e.target.value)} />
        <PolicyTargets baseModels={baseModels.data ?? []} baseModelId={baseModelId} onBaseModel={setBaseModelId} recipes={recipes.data ?? []} chosen={chosen} onChosen={setChosen} />
        <TextField size="small" label={translate(`${P}.seed`)} value={seed} onChange={(e) => setSeed(e.target.value)} error={badSeed} helperText={badSeed ? translate('pace.experiments.errors.seed') : undefined} sx={{ width: 100 }} />
        <FormControlLabel control={<Switch checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />} label={translate(`${P}.enabled`)} />
        <Button type="submit" variant="contained" disabled={!ready || isPending}>
          {translate(`${P}.submit`)}
        </Button>
      </Stack>
      {refusal && <Alert severity="error" sx={{ mt: 1 }}>{refusal}</Alert>}
    </Box>
  );
};
