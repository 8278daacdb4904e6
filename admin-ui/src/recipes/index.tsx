import { PlaceholderPage } from '../pages/PlaceholderPage';

export const Recipes = () => <PlaceholderPage page="recipes" />;
