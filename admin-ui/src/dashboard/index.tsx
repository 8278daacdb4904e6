import { PlaceholderPage } from '../pages/PlaceholderPage';

export const Dashboard = () => <PlaceholderPage page="dashboard" />;
