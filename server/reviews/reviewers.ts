import { ForbiddenException } from '@nestjs/common';
import type { AuthUser } from '../common/current-user.decorator';
import type { Role } from '../users/user.entity';

/** Who reviews, revises and writes distractors. */
export const REVIEWERS: Role[] = ['annotator', 'lead'];

/** A paused reviewer keeps what they submitted but gets no new work. */
export function assertNotPaused(user: AuthUser): void {
  if (user.paused) throw new ForbiddenException('A lead has paused your queue; ask them to resume it');
}
