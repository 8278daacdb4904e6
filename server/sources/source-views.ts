/** The source kinds: dependency-free, shared with the admin UI. */
export const SOURCE_KINDS = ['curation', 'synthetic', 'benchmark', 'generic'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** GET /sources[/:id] (the entity's columns). */
export interface SourceView {
  id: string;
  name: string;
  kind: SourceKind;
  license: string | null;
  notes: string;
  createdBy: string | null;
  createdAt: Date;
}
