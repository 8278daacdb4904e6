import AddIcon from '@mui/icons-material/Add';
import { Alert, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { Title, useGetList, useLocaleState, useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router';
import { summarizeSpec } from './quotaSummary';
import { recipeNameOrder } from './recipeOrder';
import type { RecipeRecord } from './recipeTypes';
import { useRecipeNotes } from './builtinNotes';

const L = 'pace.recipes.list';
type Kind = 'all' | 'builtin' | 'custom';
const FILTERS: Record<Kind, object> = { all: {}, builtin: { builtin: true }, custom: { builtin: false } };

/**
 * The latest revision of every recipe, built-in (the paper's grid) and custom, with what its quotas amount to; by
 * name in natural order (curated-10, curated-40, curated-160, …).
 */
export const RecipeList = () => {
  const translate = useTranslate();
  const notesOf = useRecipeNotes();
  const navigate = useNavigate();
  const [kind, setKind] = useState<Kind>('all');
  const [q, setQ] = useState('');
  const [locale] = useLocaleState();
  const { data: rows, error } = useGetList<RecipeRecord>('recipes', {
    filter: { ...FILTERS[kind], ...(q.trim() ? { q: q.trim() } : {}) },
    pagination: { page: 1, perPage: 500 },
    sort: { field: 'id', order: 'ASC' },
  });
  const order = recipeNameOrder(locale);
  const data = rows && [...rows].sort((a, b) => order(a.name, b.name));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="pace.page.recipes.title" />
      <CardContent>
        <Stack direction="row" spacing={2} alignItems="center" sx={{ mb: 2 }}>
          <ToggleButtonGroup size="small" exclusive value={kind} onChange={(_, v: Kind | null) => v && setKind(v)} aria-label={translate(`${L}.kind`)}>
            {(Object.keys(FILTERS) as Kind[]).map((k) => (
              <ToggleButton key={k} value={k}>
                {translate(`${L}.${k}`)}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          <TextField size="small" label={translate(`${L}.search`)} value={q} onChange={(e) => setQ(e.target.value)} />
          <Button component={Link} to="/recipes/create" variant="contained" startIcon={<AddIcon />} sx={{ ml: 'auto !important' }}>
            {translate(`${L}.create`)}
          </Button>
        </Stack>
        {error && <Alert severity="error">{translate('pace.recipes.load_failed', { message: (error as Error).message })}</Alert>}
        {data?.length === 0 && <Alert severity="info">{translate(`${L}.empty`)}</Alert>}
        {data && data.length > 0 && (
          <Table size="small">
            <TableHead>
              <TableRow>
                {['name', 'revision', 'pool', 'quotas', 'notes'].map((c) => (
                  <TableCell key={c}>{translate(`${L}.${c}`)}</TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {data.map((r) => (
                <TableRow key={r.id} hover sx={{ cursor: 'pointer' }} onClick={() => navigate(`/recipes/${encodeURIComponent(r.name)}`)}>
                  <TableCell>
                    {r.name} {r.builtin && <Chip size="small" label={translate(`${L}.builtin`)} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell>{r.revision}</TableCell>
                  <TableCell>{translate(`pace.recipes.pool.${r.spec.pool}`)}</TableCell>
                  <TableCell>{summarizeSpec(r.spec, translate)}</TableCell>
                  <TableCell sx={{ color: 'text.secondary' }}>{r.notes && notesOf(r)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
};
