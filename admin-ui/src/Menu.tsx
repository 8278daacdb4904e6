import { Menu as RaMenu, usePermissions } from 'react-admin';
import { PAGE_ICONS } from './pages/pageIcons';
import { isResource, menuFor } from './roles';

/** The menu of the signed-in role (roles.ts), resources and pages in one order. */
export const Menu = () => {
  const { permissions } = usePermissions();
  return (
    <RaMenu>
      {menuFor(permissions).map((entry) => {
        if (isResource(entry)) return <RaMenu.ResourceItem key={entry} name={entry} />;
        const Icon = PAGE_ICONS[entry];
        return <RaMenu.Item key={entry} to={`/${entry}`} primaryText={`pace.page.${entry}.menu`} leftIcon={<Icon />} />;
      })}
    </RaMenu>
  );
};
