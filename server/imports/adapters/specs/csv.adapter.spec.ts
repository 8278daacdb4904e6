import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { csvAdapter } from './csv.adapter';

const mapping = { instruction: 'Question', output: 'Answer', input: 'Context' };

describe('csv adapter', () => {
  it('reads mapped columns and appends a non-empty input after a blank line; the input is the shared context (issue 11 item 3)', () => {
    const result = applyAdapter(csvAdapter, { Question: '总结', Context: '一段话', Answer: '摘要' }, { csvMapping: mapping, defaultAbility: 'chinese' });
    expect(result).toEqual({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'user', content: '总结\n\n一段话' },
            { role: 'assistant', content: '摘要' },
          ],
          ability: 'chinese',
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          sourceRecordId: null,
          context: '一段话',
        },
      ],
    });
  });

  it('uses same-named columns for unmapped roles, and an answer column makes an exact-match item', () => {
    const result = applyAdapter(csvAdapter, { instruction: '选哪个？A. x B. y', output: 'B. y', answer: 'B', ability: 'history', id: 'r9', input: '' });
    expect(result).toMatchObject({ kind: 'items', items: [{ questionFormat: 0, answerType: 'single_choice', gold: 'B', ability: 'history', sourceRecordId: 'r9' }] });
  });

  it('names a mapped column missing from the row', () => {
    expect(applyAdapter(csvAdapter, { Question: 'q', Answer: 'a' }, { csvMapping: mapping })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'Context', code: 'missing_field', reason: 'column named in the CSV mapping is missing from the row' }],
    });
    expect(applyAdapter(csvAdapter, { Question: 'q' }, { csvMapping: { instruction: 'Question' } })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'output', code: 'missing_field', reason: 'required column is missing from the row' }],
    });
  });

  it('refuses a mapping with unknown roles as a setup mistake', () => {
    expect(() => applyAdapter(csvAdapter, {}, { csvMapping: { instruction: 'Q', output: 'A', prompt: 'P' } })).toThrow(
      "CSV mapping for adapter 'csv' names unknown column role(s) prompt; known: instruction, output, input, ability, id, answer",
    );
  });
});
