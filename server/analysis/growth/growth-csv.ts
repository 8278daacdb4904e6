import type { FitSummary, GrowthCurves } from './growth-types';

/**
 * The growth data as CSV (issue 13 item 7): every point of every curve, and the sensitivities, for a spreadsheet or a
 * paper's own plotting. RFC 4180: comma-separated, CRLF line ends, a field quoted when it holds a comma, a quote, CR
 * or LF, quotes doubled. Numbers are written as JavaScript's shortest exact form (no rounding: the file is the data,
 * not a figure), an absent value as an empty field. Pure functions, type-only imports.
 */

export interface CsvOptions {
  /** Start with a UTF-8 byte-order mark, so Excel reads Chinese names as UTF-8 rather than the system code page. */
  bom?: boolean;
}

type Cell = string | number | null | undefined;

export const GROWTH_POINT_COLUMNS = [
  'series_key',
  'kind',
  'suite',
  'ability',
  'parameters',
  'source',
  'shots',
  'volume',
  'run',
  'experiment_id',
  'seed',
  'epoch',
  'score',
  'n',
  'lower',
  'upper',
  'method',
  'expected',
] as const;

export const SENSITIVITY_COLUMNS = [
  'ability',
  'class',
  'factor',
  'parameters',
  'source',
  'alpha',
  'se_alpha',
  'alpha_lower',
  'alpha_upper',
  'r2',
  'n',
  'gain_per_x4',
  'b',
  'weighting',
  'normalised_alpha_d',
  'normalised_alpha_n',
  'reason',
] as const;

/** One row per point: the series it belongs to (model size × source × shots), its run, checkpoint, score and interval. */
export function growthPointsCsv(curves: GrowthCurves, options: CsvOptions = {}): string {
  const rows: Cell[][] = [];
  for (const s of curves.series) {
    for (const p of s.points) {
      rows.push([
        s.key,
        s.kind,
        s.suite,
        s.ability,
        s.parameters,
        s.source,
        s.shots,
        p.volume,
        p.runName,
        p.experimentId,
        p.seed,
        p.epoch,
        p.score,
        p.n,
        p.interval.lower,
        p.interval.upper,
        p.interval.method,
        s.expected,
      ]);
    }
  }
  return toCsv(GROWTH_POINT_COLUMNS, rows, options);
}

/**
 * The sensitivities, one row per fit: `data` (α_D over volume, per model size × source), `data-last-3` (the same over
 * the last three volumes: the plateau test) and `size` (α_N over model size). A fit that could not be made keeps its
 * row with empty numbers, so every ability and series is in the file; class and reason repeat on each of its rows.
 */
export function sensitivitiesCsv(curves: GrowthCurves, options: CsvOptions = {}): string {
  const rows: Cell[][] = [];
  for (const s of curves.sensitivities) {
    const row = (factor: string, parameters: Cell, source: Cell, fit: FitSummary | null): Cell[] => [
      s.ability,
      s.class,
      factor,
      parameters,
      source,
      fit?.alpha,
      fit?.seAlpha,
      fit?.alphaLower,
      fit?.alphaUpper,
      fit?.r2,
      fit?.n,
      fit?.gainPerX4,
      fit?.b,
      fit?.weighting,
      s.normalisedData,
      s.normalisedSize,
      s.reason,
    ];
    for (const d of s.dataFits) {
      rows.push(row('data', d.parameters, d.source, d.fit));
      rows.push(row('data-last-3', d.parameters, d.source, d.lastThree));
    }
    rows.push(row('size', null, null, s.sizeFit));
  }
  return toCsv(SENSITIVITY_COLUMNS, rows, options);
}

/** RFC 4180 text from a header and rows (each row as long as the header). */
export function toCsv(header: readonly string[], rows: readonly Cell[][], options: CsvOptions = {}): string {
  const lines = [header.map(csvField).join(',')];
  rows.forEach((row, i) => {
    if (row.length !== header.length) throw new RangeError(`CSV row ${i + 1} has ${row.length} fields, the header ${header.length}`);
    lines.push(
      row
        .map((cell, j) => {
          try {
            return csvField(cell);
          } catch (err) {
            throw new RangeError(`CSV row ${i + 1}, column ${header[j]}: ${(err as Error).message}`);
          }
        })
        .join(','),
    );
  });
  return (options.bom ? '\uFEFF' : '') + lines.map((l) => `${l}\r\n`).join('');
}

/**
 * One field: empty for null/undefined, a finite number as is, text quoted when it must be. Text that a spreadsheet
 * would run as a formula (starting with =, +, -, @, tab or CR: a run named `=HYPERLINK(…)`) gets a leading
 * apostrophe, so it opens as the text it is; numbers are never text here, so a negative α stays a number.
 */
export function csvField(value: Cell): string {
  if (value == null) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${value} is not a finite number`);
    return String(value);
  }
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
