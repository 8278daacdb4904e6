import { PlaceholderPage } from '../pages/PlaceholderPage';

export const Workspace = () => <PlaceholderPage page="workspace" />;
