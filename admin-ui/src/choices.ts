import { IMPORT_STATUSES } from '../../server/imports/import-views';
import { ANSWER_TYPES, DUPLICATE_KINDS, ITEM_STATUSES, REVIEW_MODES, SPLITS } from '../../server/items/item-views';
import { SOURCE_KINDS } from '../../server/sources/source-views';
import { ROLES } from './roles';

/** Select choices whose names are translation keys under `pace.<group>`. */
function choices(group: string, ids: readonly string[]) {
  return ids.map((id) => ({ id, name: `pace.${group}.${id}` }));
}

// The server's own lists (dependency-free `as const` files beside its entities), imported by value.
export const roleChoices = choices('role', ROLES);
export const itemStatusChoices = choices('item_status', ITEM_STATUSES);
export const importStatusChoices = choices('import_status', IMPORT_STATUSES);
export const splitChoices = choices('split', SPLITS);
export const sourceKindChoices = choices('source_kind', SOURCE_KINDS);
export const duplicateKindChoices = choices('duplicate_kind', DUPLICATE_KINDS);
export const reviewModeChoices = choices('review_mode', REVIEW_MODES);
export const answerTypeChoices = choices('answer_type', ANSWER_TYPES);
