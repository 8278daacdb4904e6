import { Ability } from '../abilities/ability.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ImportError } from '../imports/import-error.entity';
import { Import } from '../imports/import.entity';
import { DistractorTask } from '../distractors/distractor-task.entity';
import { Distractor } from '../distractors/distractor.entity';
import { Item } from '../items/item.entity';
import { ReviewAssignment } from '../reviews/review-assignment.entity';
import { ReviewRound } from '../reviews/review-round.entity';
import { Revision } from '../revisions/revision.entity';
import { Source } from '../sources/source.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [
  User,
  Ability,
  Source,
  Import,
  ImportError,
  Item,
  AuditEntry,
  ReviewRound,
  ReviewAssignment,
  Revision,
  Distractor,
  DistractorTask,
];
