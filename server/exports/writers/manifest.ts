import type { ExportFormat, ExportRecipe, FileEntry } from '../export-types';

export const MANIFEST_PATH = 'manifest.json';

export interface Manifest {
  format: 'pace-export/1';
  version: { id: number; name: string; contentHash: string };
  recipe: ExportRecipe | null;
  seed: number;
  formats: ExportFormat[];
  /** Exported items per review mode (dual: two blind reviews; single; none: accepted without review, synthetic only). */
  reviewModes: Record<'dual' | 'single' | 'none', number>;
  files: FileEntry[];
}

/** The manifest's bytes: files sorted by path and nothing time-dependent, so identical exports hash the same. */
export function manifestJson(m: Omit<Manifest, 'format'>): string {
  const manifest: Manifest = {
    format: 'pace-export/1',
    version: m.version,
    recipe: m.recipe,
    seed: m.seed,
    formats: m.formats,
    reviewModes: { dual: m.reviewModes.dual, single: m.reviewModes.single, none: m.reviewModes.none },
    // entries rebuilt in one key order: those kept from an earlier run come back from jsonb with its own order
    files: [...m.files]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => (f.rows === undefined ? { path: f.path, bytes: f.bytes, sha256: f.sha256 } : { path: f.path, bytes: f.bytes, rows: f.rows, sha256: f.sha256 })),
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}
