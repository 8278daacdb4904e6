import { ROLES } from './roles';

/** Select choices whose names are translation keys under `pace.<group>`. */
function choices(group: string, ids: readonly string[]) {
  return ids.map((id) => ({ id, name: `pace.${group}.${id}` }));
}

// The same lists as the server's entities (server/*/…entity.ts).
export const roleChoices = choices('role', ROLES);
export const itemStatusChoices = choices('item_status', [
  'pending_review',
  'in_review',
  'accepted',
  'rejected',
  'needs_answer',
  'in_revision',
  'revising',
  'validating',
  'duplicate',
  'reference',
]);
export const importStatusChoices = choices('import_status', ['queued', 'running', 'cancelling', 'cancelled', 'completed', 'failed']);
export const splitChoices = choices('split', ['train', 'valid', 'test']);
export const sourceKindChoices = choices('source_kind', ['curation', 'synthetic', 'benchmark', 'generic']);
export const duplicateKindChoices = choices('duplicate_kind', ['exact', 'near']);
