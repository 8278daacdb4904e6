import { Autocomplete, MenuItem, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';

const P = 'pace.experiments.policies';

/** A policy's base model and recipes, as the create form and the edit dialog both ask for them. */
export const PolicyTargets = (props: {
  baseModels: ReadonlyArray<{ id: number; name: string }>;
  baseModelId: string;
  onBaseModel: (id: string) => void;
  recipes: readonly string[];
  chosen: string[];
  onChosen: (recipes: string[]) => void;
  recipesError?: string;
}) => {
  const translate = useTranslate();
  return (
    <>
      <TextField select size="small" required sx={{ minWidth: 200 }} label={translate(`${P}.base_model`)} value={props.baseModelId} onChange={(e) => props.onBaseModel(e.target.value)}>
        {props.baseModels.map((m) => (
          <MenuItem key={m.id} value={String(m.id)}>
            {m.name}
          </MenuItem>
        ))}
      </TextField>
      <Autocomplete
        multiple
        size="small"
        sx={{ minWidth: 320 }}
        options={props.recipes}
        value={props.chosen}
        onChange={(_, v) => props.onChosen(v)}
        renderInput={(params) => (
          <TextField {...params} required label={translate(`${P}.recipes`)} error={!!props.recipesError} helperText={props.recipesError ?? translate(`${P}.recipes_help`)} />
        )}
      />
    </>
  );
};
