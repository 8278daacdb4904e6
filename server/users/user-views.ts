/** What the users and auth APIs answer, and the role list: dependency-free, shared with the admin UI. */
export const ROLES = ['admin', 'lead', 'annotator', 'researcher'] as const;
export type Role = (typeof ROLES)[number];

/** GET /users[/:id] (the entity's columns; the password hash is never selected). */
export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** Paused by a lead: gets no new review, revision or distractor work. */
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
}
