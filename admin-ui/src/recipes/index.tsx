import { Route, Routes } from 'react-router';
import { RecipeCreate } from './RecipeCreate';
import { RecipeEdit } from './RecipeEdit';
import { RecipeList } from './RecipeList';
import { RecipeShow } from './RecipeShow';

/** `/recipes`, `/recipes/create`, `/recipes/:ref` (a name, or `name@rev`) and `/recipes/:ref/edit`. */
export const Recipes = () => (
  <Routes>
    <Route index element={<RecipeList />} />
    <Route path="create" element={<RecipeCreate />} />
    <Route path=":ref" element={<RecipeShow />} />
    <Route path=":ref/edit" element={<RecipeEdit />} />
  </Routes>
);
