import { describe, expect, it } from 'vitest';
import { alpacaAdapter } from '../adapters/specs/alpaca.adapter';
import { defineAdapter } from '../adapters/spec-validator';
import type { RawRecord } from '../import-types';
import { standardizeRecord } from './record-standardizer';

const record = (value: unknown): RawRecord => ({ kind: 'record', file: 'f.json', line: 3, offset: 40, value, next: { offset: 80, line: 3 } });
const settings = { spec: alpacaAdapter, defaultAbility: 'history', abilityIds: new Map([['history', 1]]) };

describe('standardizeRecord text policy (issue 11 item 2)', () => {
  it('reports a record with text PostgreSQL cannot store, naming its field, and keeps its position for good records', () => {
    expect(standardizeRecord(record({ instruction: 'q', output: 'a\u0000' }), settings)).toEqual({
      kind: 'errors',
      errors: [{ file: 'f.json', line: 3, field: 'output', reason: expect.stringMatching(/^NUL character/), excerpt: '{"instruction":"q","output":"a\\u0000"}' }],
    });
    const ok = standardizeRecord(record({ instruction: 'q', output: 'a' }), settings);
    expect(ok).toMatchObject({ kind: 'items', items: [{ rawFile: 'f.json', rawLine: 3, rawOffset: 40, subIndex: 0 }] });
  });

  it('reports an item whose adapter made such text, before it reaches the COPY writer', () => {
    const spec = defineAdapter({ ...alpacaAdapter, key: 'nul_maker', gold: { const: 'made\u0000' } });
    const out = standardizeRecord(record({ instruction: 'q', output: 'a' }), { ...settings, spec });
    expect(out).toEqual({
      kind: 'errors',
      errors: [{ file: 'f.json', line: 3, field: 'gold', reason: expect.stringMatching(/^NUL character .*, in the item the "nul_maker" adapter made$/), excerpt: expect.any(String) }],
    });
  });
});
