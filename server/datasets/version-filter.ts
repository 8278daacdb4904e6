
/** A version filter with ability keys resolved to ids; null means "no restriction". */
export interface ResolvedFilter {
  abilityIds: number[] | null;
  sourceIds: string[] | null;
  acceptedFrom: string | null;
  acceptedTo: string | null;
}

export type { VersionFilter } from './dataset-views';

/**
 * The items a version draws from, over `items i JOIN sources s ON s.id = i.source_id`, with the filter as $1–$4:
 * accepted, not from a benchmark source (benchmarks are only decontamination references), and within the
 * filter. An item's accepted date is when its last accepting review round was decided.
 */
export const CANDIDATES = `
  i.status = 'accepted' AND s.kind <> 'benchmark'
  AND ($1::int[] IS NULL OR i.ability_id = ANY ($1::int[]))
  AND ($2::uuid[] IS NULL OR i.source_id = ANY ($2::uuid[]))
  AND (($3::timestamptz IS NULL AND $4::timestamptz IS NULL) OR (
    SELECT max(r.decided_at) FROM review_rounds r WHERE r.item_id = i.id AND r.outcome = 'accepted' AND r.kind <> 'distractor'
  ) >= coalesce($3::timestamptz, '-infinity') AND (
    SELECT max(r.decided_at) FROM review_rounds r WHERE r.item_id = i.id AND r.outcome = 'accepted' AND r.kind <> 'distractor'
  ) < coalesce($4::timestamptz, 'infinity'))`;

export function filterParams(f: ResolvedFilter): unknown[] {
  return [f.abilityIds, f.sourceIds, f.acceptedFrom, f.acceptedTo];
}
