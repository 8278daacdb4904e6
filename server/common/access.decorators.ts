import { SetMetadata } from '@nestjs/common';
import type { Role } from '../users/user.entity';

export const ROLES_KEY = 'pace:roles';
export const PUBLIC_KEY = 'pace:public';

/** Roles allowed on a route or controller. Every route must declare @Roles or @Public: the guard fails closed. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export const ALL_ROLES: Role[] = ['admin', 'lead', 'annotator', 'researcher'];
/** Who manages the corpus: sources, imports, items. */
export const CURATORS: Role[] = ['admin', 'lead', 'researcher'];
export const LEADS: Role[] = ['admin', 'lead'];
