import { Alert, Box, Checkbox, FormControlLabel, FormGroup, FormLabel, MenuItem, Stack, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { Button, useNotify, useTranslate } from 'react-admin';
import { useLiveEvent } from '../realtime/socket';
import { useSortRecipeNames } from '../recipes/recipeOrder';
import { ExportRow } from './ExportRow';
import { exportsApi } from './exportsApi';
import { FORMATS, type ExportFormat, type ExportProgressView, type ExportRecord } from './exportTypes';

const T = 'pace.exports';

/** Exports of one dataset version: start one (recipe, seed, formats), follow its progress, download it. */
export const ExportPanel = ({ versionId }: { versionId: number }) => {
  const translate = useTranslate();
  const [exports, setExports] = useState<ExportRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = () =>
    exportsApi.listForVersion(versionId).then(
      (rows) => {
        setExports(rows);
        setError(null);
      },
      (e: Error) => setError(e.message),
    );
  useEffect(() => void reload(), [versionId]); // eslint-disable-line react-hooks/exhaustive-deps

  useLiveEvent<ExportProgressView>('exports', 'export.progress', (view) => {
    const known = exports?.some((e) => e.id === view.id);
    if (!known) return;
    setExports((rows) => rows && rows.map((e) => (e.id === view.id ? { ...e, status: view.status, failureReason: view.failureReason, progress: view } : e)));
    if (view.status === 'completed') void reload(); // the manifest comes with the record
  });

  const replace = (updated: ExportRecord) => setExports((rows) => [updated, ...(rows ?? []).filter((e) => e.id !== updated.id)]);

  return (
    <Box>
      <StartForm versionId={versionId} onStarted={replace} />
      {error && <Alert severity="warning" sx={{ mt: 2 }}>{translate(`${T}.load_failed`, { message: error })}</Alert>}
      {exports?.length === 0 && <Box sx={{ mt: 2, color: 'text.secondary' }}>{translate(`${T}.empty`)}</Box>}
      <Stack spacing={1} sx={{ mt: 2 }}>
        {exports?.map((e) => <ExportRow key={e.id} record={e} onChange={replace} />)}
      </Stack>
    </Box>
  );
};

const StartForm = ({ versionId, onStarted }: { versionId: number; onStarted: (e: ExportRecord) => void }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const sortNames = useSortRecipeNames();
  const [recipes, setRecipes] = useState<string[]>([]);
  const [recipe, setRecipe] = useState('');
  const [seed, setSeed] = useState('1');
  const [formats, setFormats] = useState<ExportFormat[]>([...FORMATS]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    exportsApi.recipeNames().then(setRecipes, () => setRecipes([]));
  }, []);

  const seedValue = Number(seed);
  const valid = seed !== '' && Number.isInteger(seedValue) && seedValue >= 0 && formats.length > 0;
  const toggle = (f: ExportFormat) => setFormats((now) => (now.includes(f) ? now.filter((x) => x !== f) : FORMATS.filter((x) => x === f || now.includes(x))));
  const start = async () => {
    setBusy(true);
    try {
      onStarted(await exportsApi.start({ versionId, recipe: recipe || undefined, seed: seedValue, formats }));
      notify(`${T}.started`, { type: 'info' });
    } catch (e) {
      notify((e as Error).message, { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack direction="row" spacing={2} alignItems="center" flexWrap="wrap" useFlexGap>
      <TextField select size="small" label={translate(`${T}.recipe`)} value={recipe} onChange={(e) => setRecipe(e.target.value)} sx={{ minWidth: 220 }}>
        <MenuItem value="">{translate(`${T}.no_recipe`)}</MenuItem>
        {sortNames(recipes).map((name) => <MenuItem key={name} value={name}>{name}</MenuItem>)}
      </TextField>
      <TextField size="small" type="number" label={translate(`${T}.seed`)} value={seed} onChange={(e) => setSeed(e.target.value)} sx={{ width: 100 }} error={!valid && seed !== ''} />
      <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
        <FormLabel component="legend" sx={{ fontSize: 12 }}>{translate(`${T}.formats`)}</FormLabel>
        <FormGroup row>
          {FORMATS.map((f) => (
            <FormControlLabel key={f} control={<Checkbox size="small" checked={formats.includes(f)} onChange={() => toggle(f)} />} label={translate(`${T}.format.${f}`)} />
          ))}
        </FormGroup>
      </Box>
      <Button label={`${T}.start`} variant="contained" onClick={start} disabled={!valid || busy} />
    </Stack>
  );
};
