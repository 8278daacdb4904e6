/** What the users and auth APIs answer, and the role list: dependency-free, shared with the admin UI. */
export const ROLES = ['admin', 'lead', 'annotator', 'researcher'] as const;
export type Role = (typeof ROLES)[number];
