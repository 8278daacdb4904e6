import { Alert, Box, Button, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useGetList, useTranslate } from 'react-admin';
import type { VersionRecord } from '../versions/versionTypes';
import { recipesApi } from './recipesApi';
import type { PreviewRow, RecipePreview } from './recipeTypes';
import { useAbilityKeys } from './useAbilityKeys';

const P = 'pace.recipes.preview';
const COLUMNS = ['available', 'requested', 'taken', 'shortfall'] as const;

/** What the recipe would take from a frozen version, per ability, with the shortfalls. */
export const RecipePreviewPanel = ({ recipeRef, defaultSeed }: { recipeRef: string; defaultSeed?: number }) => {
  const translate = useTranslate();
  const { data: versions } = useGetList<VersionRecord>('datasets/versions', {
    filter: { status: 'frozen' },
    pagination: { page: 1, perPage: 100 },
    sort: { field: 'createdAt', order: 'DESC' },
  });
  const [versionId, setVersionId] = useState<number | ''>('');
  const [seed, setSeed] = useState(defaultSeed === undefined ? '' : String(defaultSeed));
  const [preview, setPreview] = useState<RecipePreview>();
  const [failure, setFailure] = useState<string>();
  const chosen = versionId === '' ? versions?.[0]?.id : versionId;

  const run = async () => {
    if (chosen === undefined) return;
    setFailure(undefined);
    try {
      setPreview(await recipesApi.preview(recipeRef, chosen, seed.trim() === '' ? undefined : Number(seed)));
    } catch (e) {
      setPreview(undefined);
      setFailure((e as Error).message);
    }
  };

  return (
    <Box component="section" aria-label={translate(`${P}.title`)} sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2">
        {translate(`${P}.title`)}
      </Typography>
      {versions?.length === 0 ? (
        <Alert severity="info">{translate(`${P}.no_versions`)}</Alert>
      ) : (
        <Stack direction="row" spacing={2} alignItems="center" sx={{ my: 1 }}>
          <TextField select size="small" label={translate(`${P}.version`)} value={chosen ?? ''} onChange={(e) => setVersionId(Number(e.target.value))} sx={{ minWidth: 200 }}>
            {(versions ?? []).map((v) => (
              <MenuItem key={v.id} value={v.id}>
                {v.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" type="number" label={translate(`${P}.seed`)} value={seed} onChange={(e) => setSeed(e.target.value)} sx={{ width: 120 }} />
          <Button variant="outlined" onClick={run} disabled={chosen === undefined}>
            {translate(`${P}.run`)}
          </Button>
        </Stack>
      )}
      {failure && <Alert severity="error">{translate(`${P}.failed`, { message: failure })}</Alert>}
      {preview && <PreviewResult preview={preview} />}
    </Box>
  );
};

const PreviewResult = ({ preview }: { preview: RecipePreview }) => {
  const translate = useTranslate();
  const { total } = preview;
  const someShort = preview.abilities.some((a) => a.shortfall > 0);
  const verdict = total.shortfall > 0 ? 'short' : someShort ? 'made_up' : 'met';
  return (
    <>
      <Alert severity={verdict === 'met' ? 'success' : 'warning'} sx={{ my: 1 }}>
        {translate(`${P}.${verdict}`, total)}
      </Alert>
      {preview.parts.length > 1
        ? preview.parts.map((part) => (
            <PreviewTable key={part.pool} rows={part.abilities} caption={translate(`${P}.part`, { pool: translate(`pace.recipes.pool.${part.pool}`) })} />
          ))
        : null}
      <PreviewTable rows={preview.abilities} caption={preview.parts.length > 1 ? translate(`${P}.total`) : undefined} total />
    </>
  );
};

const PreviewTable = ({ rows, caption, total }: { rows: PreviewRow[]; caption?: string; total?: boolean }) => {
  const translate = useTranslate();
  const { nameOf } = useAbilityKeys();
  const column = (c: 'available' | 'requested' | 'taken') => rows.reduce((s, r) => s + r[c], 0);
  // in all, others may make up an ability's shortfall: short only by what is left over
  const sum = (c: (typeof COLUMNS)[number]) => (c === 'shortfall' ? Math.max(0, column('requested') - column('taken')) : column(c));
  return (
    <Table size="small" sx={{ maxWidth: 720, mb: 2 }} aria-label={caption ?? translate(`${P}.title`)}>
      {caption && <caption style={{ captionSide: 'top' }}>{caption}</caption>}
      <TableHead>
        <TableRow>
          <TableCell>{translate(`${P}.ability`)}</TableCell>
          {COLUMNS.map((c) => (
            <TableCell key={c} align="right">
              {translate(`${P}.${c}`)}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.abilityKey}>
            <TableCell>{nameOf(r.abilityKey)}</TableCell>
            {COLUMNS.map((c) => (
              <TableCell key={c} align="right" sx={c === 'shortfall' && r.shortfall > 0 ? { color: 'warning.dark', fontWeight: 'bold' } : undefined}>
                {c === 'shortfall' && r.shortfall === 0 ? '—' : r[c]}
              </TableCell>
            ))}
          </TableRow>
        ))}
        {total && (
          <TableRow>
            <TableCell sx={{ fontWeight: 'bold' }}>{translate(`${P}.total`)}</TableCell>
            {COLUMNS.map((c) => (
              <TableCell key={c} align="right" sx={{ fontWeight: 'bold' }}>
                {sum(c)}
              </TableCell>
            ))}
          </TableRow>
        )}
      </TableBody>
    </Table>
  );
};
