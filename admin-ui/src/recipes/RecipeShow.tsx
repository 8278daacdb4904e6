import EditIcon from '@mui/icons-material/Edit';
import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import { Alert, Box, Button, Card, CardContent, Chip, Link as MuiLink, List, ListItem, Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router';
import { QuotaTable } from './QuotaTable';
import { RecipePreviewPanel } from './RecipePreviewPanel';
import { refOf } from './recipeTypes';
import { useRecipe } from './useRecipe';
import { useFormatDate } from '../i18n/dates';
import { useRecipeNotes } from './builtinNotes';

const S = 'pace.recipes.show';
const recipePath = (ref: string) => `/recipes/${encodeURIComponent(ref)}`;

/** A recipe revision: its spec as quota tables, its revisions, and a preview against a frozen version. */
export const RecipeShow = () => {
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const notesOf = useRecipeNotes();
  const { ref = '' } = useParams();
  const { data: r, error } = useRecipe(ref);
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('pace.recipes.load_failed', { message: (error as Error).message })}</Alert>;
  if (!r) return <Typography sx={{ mt: 2 }}>{translate('pace.recipes.loading')}</Typography>;
  const latest = r.revision === r.latestRevision;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={refOf(r)} />
      <CardContent>
        <MuiLink component={Link} to="/recipes">
          {translate(`${S}.back`)}
        </MuiLink>
        <Stack direction="row" spacing={1} alignItems="center" sx={{ my: 1 }}>
          <Typography variant="h5" component="h1">
            {refOf(r)}
          </Typography>
          <Chip size="small" label={translate(r.builtin ? `${S}.builtin` : `${S}.custom`)} />
          <Chip size="small" variant="outlined" label={translate(`pace.recipes.pool.${r.spec.pool}`)} />
          <Box sx={{ flex: 1 }} />
          {!r.builtin && latest && (
            <Button component={Link} to={`${recipePath(refOf(r))}/edit`} startIcon={<EditIcon />}>
              {translate(`${S}.edit`)}
            </Button>
          )}
          <Button component={Link} to={`/recipes/create?from=${encodeURIComponent(refOf(r))}`} startIcon={<ContentCopyIcon />}>
            {translate(`${S}.copy`)}
          </Button>
        </Stack>
        {!latest && (
          <Alert severity="info">
            <MuiLink component={Link} to={recipePath(r.name)}>
              {translate(`${S}.not_latest`, { ref: `${r.name}@${r.latestRevision}` })}
            </MuiLink>
          </Alert>
        )}
        {r.notes && <Typography sx={{ mt: 1 }}>{notesOf(r)}</Typography>}
        <Typography sx={{ mt: 1 }}>
          {translate(`${S}.sources`)}: {r.spec.sources?.join(', ') ?? translate(`${S}.all_sources`)}
        </Typography>
        {r.spec.synthetic && (
          <Typography data-testid="recipe-synthetic-sources">
            {translate(`${S}.synthetic_sources`)}: {(r.spec.syntheticSources ?? r.spec.sources)?.join(', ') ?? translate(`${S}.all_synthetic_sources`)}
          </Typography>
        )}
        <Typography>
          {translate(`${S}.seed`)}: {r.spec.seed ?? translate(`${S}.no_seed`)}
        </Typography>
        <QuotaTable rule={r.spec.quotas} title={translate('pace.recipes.quota.title')} />
        {r.spec.synthetic && <QuotaTable rule={r.spec.synthetic} title={translate('pace.recipes.quota.synthetic_title')} />}
        <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
          {translate(`${S}.revisions`)}
        </Typography>
        <List dense aria-label={translate(`${S}.revisions`)}>
          {r.revisions.map((rev) => (
            <ListItem key={rev.id}>
              <MuiLink component={Link} to={recipePath(`${r.name}@${rev.revision}`)} sx={{ fontWeight: rev.revision === r.revision ? 'bold' : undefined }}>
                {translate(`${S}.revision_label`, { revision: rev.revision })}
              </MuiLink>
              <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
                {formatDate(rev.createdAt)} {rev.notes && notesOf({ name: r.name, builtin: r.builtin, notes: rev.notes })}
              </Typography>
            </ListItem>
          ))}
        </List>
        <RecipePreviewPanel recipeRef={refOf(r)} defaultSeed={r.spec.seed} />
      </CardContent>
    </Card>
  );
};
