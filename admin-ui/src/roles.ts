import { ROLES, type Role } from '../../server/users/user-views';

/** The server's role list (server/users/user-views.ts), imported by value. */
export { ROLES, type Role };

export const RESOURCE_NAMES = ['users', 'abilities', 'sources', 'imports', 'items'] as const;
export type ResourceName = (typeof RESOURCE_NAMES)[number];

/** Screens that later issues build; until then each shows a labelled placeholder. */
export const PAGE_NAMES = ['dashboard', 'workspace', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

export type MenuEntry = ResourceName | PageName;

/**
 * What each role sees, in menu order. Resources follow who may call their routes on the server
 * (test/e2e/roles.e2e-spec.ts); a role never gets a screen whose requests would all be refused.
 */
export const MENUS: Record<Role, readonly MenuEntry[]> = {
  admin: ['users', 'abilities'],
  lead: ['dashboard', 'workspace', 'abilities', 'sources', 'imports', 'items', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves'],
  researcher: ['sources', 'imports', 'items', 'versions', 'recipes', 'experiments', 'studies', 'growth-curves'],
  annotator: ['workspace'],
};

/** Who may open a synthesis run's reports (the server's CURATORS on /synthesis/runs/:id/coverage). */
export const SYNTHESIS_REPORT_ROLES: readonly Role[] = ['admin', 'lead', 'researcher'];

export function isResource(entry: MenuEntry): entry is ResourceName {
  return (RESOURCE_NAMES as readonly string[]).includes(entry);
}

export function menuFor(role: unknown): readonly MenuEntry[] {
  return (ROLES as readonly unknown[]).includes(role) ? MENUS[role as Role] : [];
}
