import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvField, growthPointsCsv, GROWTH_POINT_COLUMNS, sensitivitiesCsv, SENSITIVITY_COLUMNS, toCsv } from './growth-csv';
import { handCurves, TRICKY_RUN_NAME } from './hand-curves.fixture';

describe(growthPointsCsv.name, () => {
  it('issue 13 item 7: the exact header and one row per point, the first as written by hand', () => {
    const csv = growthPointsCsv(handCurves());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('series_key,kind,suite,ability,parameters,source,shots,volume,run,experiment_id,seed,epoch,score,n,lower,upper,method,expected');
    expect(lines[1]).toBe('ability:in-domain:chinese|13000000000|curated|0,ability,in-domain,chinese,13000000000,curated,0,1,curated-10,exp-1,1,5,0.3,40,0.19999999999999998,0.4,wilson,0.25');
    const points = handCurves().series.reduce((n, s) => n + s.points.length, 0);
    expect(parse(csv, { columns: true })).toHaveLength(points);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('issue 13 item 7: quotes commas, quotes and newlines (RFC 4180) and keeps Chinese; a parser reads the run name back whole', () => {
    const csv = growthPointsCsv(handCurves());
    expect(csv).toContain('"中文, ""第一"" 版\n二"');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    const tricky = rows.find((r) => r.run === TRICKY_RUN_NAME);
    expect(tricky).toMatchObject({ ability: 'chinese', parameters: '7000000000', source: 'curated', volume: '1', score: '0.28', method: 'wilson' });
    expect(rows.find((r) => r.method === 'bootstrap')).toMatchObject({ volume: '16', lower: '0.35', upper: '0.47' });
    expect(Object.keys(rows[0])).toEqual([...GROWTH_POINT_COLUMNS]);
  });

  it('starts with a UTF-8 byte-order mark only when asked (for Excel)', () => {
    expect(growthPointsCsv(handCurves(), { bom: true }).charCodeAt(0)).toBe(0xfeff);
    expect(growthPointsCsv(handCurves()).startsWith('series_key')).toBe(true);
    expect(Buffer.from(growthPointsCsv(handCurves(), { bom: true }), 'utf8').subarray(0, 3).toString('hex')).toBe('efbbbf');
  });
});

describe(sensitivitiesCsv.name, () => {
  it('issue 13 item 7: one row per fit; a fit that could not be made keeps its row with empty numbers', () => {
    const csv = sensitivitiesCsv(handCurves());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(SENSITIVITY_COLUMNS.join(','));
    expect(lines[0]).toBe('ability,class,factor,parameters,source,alpha,se_alpha,alpha_lower,alpha_upper,r2,n,gain_per_x4,b,weighting,normalised_alpha_d,normalised_alpha_n,reason');
    const reason = '"α_D > 0, p = 0.001; not plateaued, ""last three"" CI > 0"';
    expect(lines[1]).toBe(`chinese,responsive,data,7000000000,curated,0.045,0.004,0.032,0.058,0.97,5,${0.045 * Math.log(4)},0.28,inverse-variance,1,,${reason}`);
    expect(lines[2]).toBe(`chinese,responsive,data-last-3,7000000000,curated,,,,,,,,,,1,,${reason}`);
    expect(lines[3]).toBe(`chinese,responsive,size,,,,,,,,,,,,1,,${reason}`);
    expect(lines.slice(4)).toEqual(['']);
  });
});

describe(toCsv.name, () => {
  it('quotes only what must be quoted, CR included', () => {
    expect(['a', 'b,c', 'd"e', 'f\ng', 'h\ri', '能力', ''].map(csvField)).toEqual(['a', '"b,c"', '"d""e"', '"f\ng"', '"h\ri"', '能力', '']);
    expect([null, undefined, 0, -1.5, 1e-7].map(csvField)).toEqual(['', '', '0', '-1.5', '1e-7']);
    // a run or ability name a spreadsheet would execute opens as text; numbers (a negative α) stay numbers
    expect(['=HYPERLINK("x")', '+1', '-cmd', '@SUM(A1)', '\tx'].map(csvField)).toEqual([`"'=HYPERLINK(""x"")"`, "'+1", "'-cmd", "'@SUM(A1)", "'\tx"]);
  });

  it('refuses a non-finite number or a short row, naming the row and column', () => {
    expect(() => toCsv(['a', 'score'], [[1, 2], ['x', Number.NaN]])).toThrow('CSV row 2, column score: NaN is not a finite number');
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow('CSV row 1 has 1 fields, the header 2');
  });
});
