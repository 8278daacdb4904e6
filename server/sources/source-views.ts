/** The source kinds: dependency-free, shared with the admin UI. */
export const SOURCE_KINDS = ['curation', 'synthetic', 'benchmark', 'generic'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
