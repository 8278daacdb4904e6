import { ListSubheader } from '@mui/material';
import { Menu as RaMenu, usePermissions, useTranslate } from 'react-admin';
import { PAGE_ICONS } from './pages/pageIcons';
import { isResource, MENU_GROUPS, menuFor } from './roles';

/** The menu of the signed-in role (roles.ts), resources and pages in one order. */
export const Menu = () => {
  const { permissions } = usePermissions();
  const translate = useTranslate();
  const entries = menuFor(permissions);
  return (
    <RaMenu>
      {entries.flatMap((entry, i) => {
        const group = MENU_GROUPS[entry];
        // a heading (e.g. "Synthesis") before the first entry of its group; siblings, not wrapped (the menu gives its
        // children props a Fragment would refuse)
        const heading =
          group && MENU_GROUPS[entries[i - 1]] !== group
            ? [
                <ListSubheader key={`group-${group}`} sx={{ lineHeight: 2.5, background: 'transparent' }}>
                  {translate(`pace.${group}.menu_group`)}
                </ListSubheader>,
              ]
            : [];
        if (isResource(entry)) return [...heading, <RaMenu.ResourceItem key={entry} name={entry} />];
        const Icon = PAGE_ICONS[entry];
        return [...heading, <RaMenu.Item key={entry} to={`/${entry}`} primaryText={`pace.page.${entry}.menu`} leftIcon={<Icon />} />];
      })}
    </RaMenu>
  );
};
