import { Alert, Card, CardContent, Typography } from '@mui/material';
import { Title, useNotify, useTranslate } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { draftOf } from './recipeDraft';
import { RecipeForm } from './RecipeForm';
import { recipesApi } from './recipesApi';
import { refOf } from './recipeTypes';
import { useRecipe } from './useRecipe';

/** Saving makes the next revision; the server refuses it if someone else saved one meanwhile. */
export const RecipeEdit = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { ref = '' } = useParams();
  const { data: r, error } = useRecipe(ref);
  if (error) return <Alert severity="error" sx={{ mt: 2 }}>{translate('pace.recipes.load_failed', { message: (error as Error).message })}</Alert>;
  if (!r) return <Typography sx={{ mt: 2 }}>{translate('pace.recipes.loading')}</Typography>;
  if (r.builtin) return <Alert severity="info" sx={{ mt: 2 }}>{translate('pace.recipes.form.builtin_read_only')}</Alert>;
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={refOf(r)} />
      <CardContent>
        <Typography variant="h5" component="h1" sx={{ mb: 2 }}>
          {translate('pace.recipes.form.edit_title', { name: r.name, revision: r.revision + 1 })}
        </Typography>
        <RecipeForm
          editing
          initial={draftOf(r.spec, r.name, r.notes)}
          onCancel={() => navigate(`/recipes/${encodeURIComponent(refOf(r))}`)}
          onSubmit={async (draft, spec) => {
            const saved = await recipesApi.revise(refOf(r), { spec, notes: draft.notes });
            await queryClient.invalidateQueries({ queryKey: ['recipes'] });
            notify('pace.recipes.form.saved', { type: 'success', messageArgs: { ref: refOf(saved) } });
            navigate(`/recipes/${encodeURIComponent(saved.name)}`);
          }}
        />
      </CardContent>
    </Card>
  );
};
