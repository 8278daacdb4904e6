import type { Role } from '../users/user.entity';

/** Who reviews, revises and writes distractors. */
export const REVIEWERS: Role[] = ['annotator', 'lead'];
