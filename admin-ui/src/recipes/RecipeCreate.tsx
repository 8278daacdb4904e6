import { Alert, Card, CardContent, Typography } from '@mui/material';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useNavigate, useSearchParams } from 'react-router';
import { draftOf } from './recipeDraft';
import { RecipeForm } from './RecipeForm';
import { recipesApi } from './recipesApi';
import { refOf } from './recipeTypes';
import { useRecipe } from './useRecipe';

/** A new custom recipe, empty or copied from another (`?from=reconstruct@1`). */
export const RecipeCreate = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const from = useSearchParams()[0].get('from');
  const { data: source, error } = useRecipe(from);
  if (from && error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('pace.recipes.load_failed', { message: (error as Error).message })}</Alert>;
  if (from && !source) return <Typography sx={{ mt: 2 }}>{translate('pace.recipes.loading')}</Typography>;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="pace.recipes.form.create_title" />
      <CardContent>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {translate('pace.recipes.form.create_title')}
        </Typography>
        <RecipeForm
          initial={draftOf(source?.spec, '', source ? translate('pace.recipes.form.copied_from', { ref: refOf(source) }) : '')}
          onCancel={() => navigate('/recipes')}
          onSubmit={async (draft, spec) => {
            const created = await recipesApi.create({ name: draft.name, spec, notes: draft.notes });
            notify('pace.recipes.form.saved', { type: 'success', messageArgs: { ref: refOf(created) } });
            navigate(`/recipes/${encodeURIComponent(created.name)}`);
          }}
        />
      </CardContent>
    </Card>
  );
};
