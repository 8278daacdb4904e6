/**
 * A view type as it reaches a client: JSON.stringify turns every Date into its ISO string. Server code builds views
 * with Dates (from the driver); the admin UI reads `Wire<View>` (type-only import), so both name one definition.
 * Dependency-free, so the admin UI's own tsconfig type-checks it.
 */
export type Wire<T> = T extends Date ? string : T extends object ? { [K in keyof T]: Wire<T[K]> } : T;
