import { PlaceholderPage } from '../pages/PlaceholderPage';

export const Versions = () => <PlaceholderPage page="versions" />;
