import { describe, expect, it } from 'vitest';
import { getAdapter } from '../adapters';
import { IMPORT_ERROR_CODES } from '../import-error-codes';
import { standardizeRecord } from './record-standardizer';

const settings = { spec: getAdapter('messages'), defaultAbility: 'history', abilityIds: new Map([['history', 1]]) };
const record = (value: unknown) => ({ kind: 'record' as const, file: '/tmp/a.jsonl', line: 4, offset: 0, value, next: { offset: 10, line: 4 } });

describe(standardizeRecord.name, () => {
  it('issue 11 (fuzzing): a record with several bad fields is one error row naming them all, of a known kind', () => {
    const out = standardizeRecord(record({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], type: 3, question_format: 5, id: [] }), settings);
    expect(out.kind).toBe('error');
    if (out.kind !== 'error') return;
    expect(out.error).toMatchObject({ file: '/tmp/a.jsonl', line: 4, field: 'type', code: 'wrong_type' });
    expect(out.error.reason).toBe(
      'expected string, got number; also question_format: expected one of 0, 1, got 5; id: expected string or number, got array of 0',
    );
    expect(Object.keys(IMPORT_ERROR_CODES)).toContain(out.error.code);
  });

  it('classifies an ability problem by kind', () => {
    const none = standardizeRecord(record({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }] }), { ...settings, defaultAbility: null });
    const unknown = standardizeRecord(record({ messages: [{ role: 'user', content: 'q' }, { role: 'assistant', content: 'a' }], type: 'astrology' }), settings);
    expect(none).toMatchObject({ kind: 'error', error: { field: 'ability', code: 'no_ability' } });
    expect(unknown).toMatchObject({ kind: 'error', error: { field: 'ability', code: 'unknown_ability' } });
  });
});
