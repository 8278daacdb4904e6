import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat, readRecords } from '../readers';
import { normalizeText } from './normalize-text';
import { splitProtected } from './protected-spans';

const dir = process.env.PACE_SHARED_DATA ?? '';
if (!dir) console.warn('[standardize] PACE_SHARED_DATA is not set: the real-data normalizeText tests did NOT run (set it to the shared data folder, e.g. /work/shared/data).');

/** Every string value in every shared sample (JSON, CSV cells, Markdown files). */
async function realStrings(): Promise<string[]> {
  const paths: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name === 'solution') paths.push(p);
        else walk(p);
      } else if (/\.(jsonl?|txt|csv)$/.test(name)) paths.push(p);
    }
  };
  walk(join(dir, 'raw'));
  const out: string[] = [];
  const collect = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(collect);
  };
  for (const p of paths) {
    const format = await detectFormat(p);
    if (!format) continue;
    for await (const o of readRecords(p, format, { maxLineBytes: 1_048_576 })) if (o.kind === 'record') collect(o.value);
  }
  return out;
}

const kept = (s: string) => splitProtected(s).filter((p) => p.kept).map((p) => p.text);

describe.skipIf(!dir)('normalizeText on the real shared samples', () => {
  it('is idempotent and keeps code and math byte-for-byte', async () => {
    const strings = await realStrings();
    expect(strings.length).toBeGreaterThan(10_000);
    let fences = 0;
    for (const s of strings) {
      const once = normalizeText(s);
      expect(normalizeText(once)).toBe(once);
      const lf = s.replace(/\r\n?/g, '\n');
      expect(kept(once)).toEqual(kept(lf));
      for (const block of lf.match(/^```[^\n]*\n[\s\S]*?\n```$/gm) ?? []) {
        fences++;
        expect(once).toContain(block);
      }
      expect(once).not.toContain('\r');
      for (const span of splitProtected(once)) if (!span.kept) expect(span.text).not.toMatch(/ \n|\n{3}|^\u3000|\n\u3000|[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/);
    }
    expect(fences).toBeGreaterThan(500);
  });
});
