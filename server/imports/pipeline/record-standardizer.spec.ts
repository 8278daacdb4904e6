import { describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters';
import { alpacaAdapter } from '../adapters/specs/alpaca.adapter';
import { defineAdapter } from '../adapters/spec-validator';
import { IMPORT_ERROR_CODES } from '../import-error-codes';
import type { RawRecord } from '../import-types';
import { standardizeRecord } from './record-standardizer';

const record = (value: unknown): RawRecord => ({ kind: 'record', file: 'f.json', line: 3, offset: 40, value, next: { offset: 80, line: 3 } });
const settings = { spec: alpacaAdapter, defaultAbility: 'history', abilityIds: new Map([['history', 1]]) };
const messages = { ...settings, spec: getAdapter('messages') };

describe('standardizeRecord text policy (issue 11 item 2)', () => {
  it('reports a record with text PostgreSQL cannot store, naming its field, and keeps its position for good records', () => {
    expect(standardizeRecord(record({ instruction: 'q', output: 'a\u0000' }), settings)).toEqual({
      kind: 'error',
      error: { file: 'f.json', line: 3, field: 'output', code: 'bad_character', reason: expect.stringMatching(/^NUL character/), excerpt: '{"instruction":"q","output":"a\\u0000"}' },
    });
    const ok = standardizeRecord(record({ instruction: 'q', output: 'a' }), settings);
    expect(ok).toMatchObject({ kind: 'items', items: [{ rawFile: 'f.json', rawLine: 3, rawOffset: 40, subIndex: 0 }] });
  });

  it('reports an item whose adapter made such text, before it reaches the COPY writer', () => {
    const spec = defineAdapter({ ...alpacaAdapter, key: 'nul_maker', gold: { const: 'made\u0000' } });
    const out = standardizeRecord(record({ instruction: 'q', output: 'a' }), { ...settings, spec });
    expect(out).toEqual({
      kind: 'error',
      error: { file: 'f.json', line: 3, field: 'gold', code: 'bad_character', reason: expect.stringMatching(/^NUL character .*, in the item the "nul_maker" adapter made$/), excerpt: expect.any(String) },
    });
  });
});

describe('standardizeRecord error rows (issue 11 fuzzing)', () => {
  it('a record with several bad fields is one error row naming them all, of a known kind', () => {
    const out = standardizeRecord(record({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], type: 3, question_format: 5, id: [] }), messages);
    expect(out.kind).toBe('error');
    if (out.kind !== 'error') return;
    expect(out.error).toMatchObject({ file: 'f.json', line: 3, field: 'type', code: 'wrong_type' });
    expect(out.error.reason).toBe(
      'expected string, got number; also question_format: expected one of 0, 1, got 5; id: expected string or number, got array of 0',
    );
    expect(Object.keys(IMPORT_ERROR_CODES)).toContain(out.error.code);
  });

  it('classifies an ability problem by kind', () => {
    const qa = { messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] };
    expect(standardizeRecord(record(qa), { ...messages, defaultAbility: null })).toMatchObject({ kind: 'error', error: { field: 'ability', code: 'no_ability' } });
    expect(standardizeRecord(record({ ...qa, type: 'astrology' }), messages)).toMatchObject({ kind: 'error', error: { field: 'ability', code: 'unknown_ability' } });
  });
});
