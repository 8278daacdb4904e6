import { Ability } from '../abilities/ability.entity';
import { AuditEntry } from '../audit/audit-entry.entity';
import { ImportError } from '../imports/import-error.entity';
import { Import } from '../imports/import.entity';
import { Item } from '../items/item.entity';
import { Source } from '../sources/source.entity';
import { User } from '../users/user.entity';

export const ENTITIES = [User, Ability, Source, Import, ImportError, Item, AuditEntry];
