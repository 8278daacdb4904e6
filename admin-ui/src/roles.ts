import { ROLES, type Role } from '../../server/users/user-views';

/** The server's role list (server/users/user-views.ts), imported by value. */
export { ROLES, type Role };

export const RESOURCE_NAMES = ['users', 'abilities', 'sources', 'imports', 'items', 'taxonomies'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** Screens that later issues build; until then each shows a labelled placeholder. */
export const PAGE_NAMES = ['dashboard', 'workspace', 'my-work', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves', 'synthesis'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export type MenuEntry = ResourceName | PageName;

/** Entries shown under a group heading in the menu (the heading's message is `pace.<group>.menu_group`). */
export const MENU_GROUPS: Partial<Record<MenuEntry, 'taxonomies'>> = { synthesis: 'taxonomies', taxonomies: 'taxonomies' };

/**
 * What each role sees, in menu order. Resources follow who may call their routes on the server
 * (test/e2e/roles.e2e-spec.ts); a role never gets a screen whose requests would all be refused.
 */
export const MENUS: Record<Role, readonly MenuEntry[]> = {
  admin: ['users', 'abilities', 'synthesis', 'taxonomies'],
  lead: ['dashboard', 'workspace', 'my-work', 'abilities', 'sources', 'imports', 'items', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves', 'synthesis', 'taxonomies'],
  researcher: ['sources', 'imports', 'items', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves', 'synthesis', 'taxonomies'],
  // annotators vote on taxonomy nodes (keep/remove); generation runs are for curators
  annotator: ['workspace', 'my-work', 'taxonomies'],
};

/** Who may open a synthesis run's reports (the server's CURATORS on /synthesis/runs/:id/coverage). */
export const SYNTHESIS_REPORT_ROLES: readonly Role[] = ['admin', 'lead', 'researcher'];

export function isResource(entry: MenuEntry): entry is ResourceName {
  return (RESOURCE_NAMES as readonly string[]).includes(entry);
}

export function menuFor(role: unknown): readonly MenuEntry[] {
  return (ROLES as readonly unknown[]).includes(role) ? MENUS[role as Role] : [];
}
