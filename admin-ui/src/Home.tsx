import { usePermissions } from 'react-admin';
import { Navigate } from 'react-router';
import { menuFor } from './roles';

/** `/` opens the first screen of the signed-in role's menu. */
export const Home = () => {
  const { permissions, isPending } = usePermissions();
  const [first] = menuFor(permissions);
  if (isPending || !first) return null;
  return <Navigate to={`/${first}`} replace />;
};
