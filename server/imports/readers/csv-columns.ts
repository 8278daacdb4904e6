/** Key given to an empty-named first column (pandas' exported index, as in CMMLU's CSVs). */
export const CSV_INDEX_COLUMN = '_index';

/**
 * Row keys from the header cells. Names are kept verbatim (not trimmed), except: an empty first
 * name → `_index`; any other empty name → `_col<N>` (1-based position); a repeated name gets
 * `_<N>` appended so no cell is silently overwritten.
 */
export function csvColumnNames(header: string[]): string[] {
  const seen = new Set<string>();
  return header.map((raw, i) => {
    let name = raw !== '' ? raw : i === 0 ? CSV_INDEX_COLUMN : `_col${i + 1}`;
    if (seen.has(name)) name = `${name}_${i + 1}`;
    seen.add(name);
    return name;
  });
}
