import { describe, expect, it } from 'vitest';
import type { AdapterResult } from '../../import-types';
import { applyAdapter } from '../adapter-engine';
import { messagesAdapter } from './messages.adapter';

const turns = (...pairs: Array<[string, unknown]>) => pairs.map(([role, content]) => ({ role, content }));
const apply = (record: unknown, defaultAbility: string | null = null) => applyAdapter(messagesAdapter, record, { defaultAbility });
const itemOf = (result: AdapterResult) => {
  expect(result.kind).toBe('items');
  return result.kind === 'items' ? result.items[0] : undefined;
};
const errorsOf = (result: AdapterResult) => (result.kind === 'invalid' ? result.errors : result);

describe('messages adapter', () => {
  it('imports an open-ended DoIT record with its choices and ability', () => {
    const item = itemOf(
      apply({
        messages: turns(['user', '写一首诗'], ['assistant', '春眠不觉晓']),
        type: 'creative_writing',
        question_format: 1,
        choices: ['春眠不觉晓', '春眠不觉晓晓', '今天天气好'],
      }),
    );
    expect(item).toEqual({
      messages: turns(['user', '写一首诗'], ['assistant', '春眠不觉晓']),
      ability: 'creative_writing',
      questionFormat: 1,
      answerType: 'open',
      gold: null,
      choices: ['春眠不觉晓', '春眠不觉晓晓', '今天天气好'],
      sourceRecordId: null,
    });
  });

  it('defaults to format 1, open, and the import default ability', () => {
    const item = itemOf(apply({ messages: turns(['system', '你是助手'], ['user', 'q'], ['assistant', 'a'], ['user', 'q2'], ['assistant', 'a2']) }, 'chinese'));
    expect(item).toMatchObject({ ability: 'chinese', questionFormat: 1, answerType: 'open', gold: null });
    expect(item?.messages).toHaveLength(5);
    expect(itemOf(apply({ messages: turns(['user', 'q'], ['assistant', 'a']) }))?.ability).toBeNull();
  });

  it('derives the answer type from the gold of exact-match records', () => {
    const exact = (answer: unknown, type = 'history') =>
      itemOf(apply({ messages: turns(['user', 'q'], ['assistant', `答案：${String(answer)}`]), type, question_format: 0, answer }));
    expect(exact('B')).toMatchObject({ answerType: 'single_choice', gold: 'B' });
    expect(exact('ACD')).toMatchObject({ answerType: 'multi_choice', gold: 'ACD' });
    expect(exact('正确')).toMatchObject({ answerType: 'true_false', gold: '正确' });
    expect(exact('床前明月光')).toMatchObject({ answerType: 'cloze', gold: '床前明月光' });
    expect(exact(12, 'cot_math')).toMatchObject({ answerType: 'math', gold: '12' });
  });

  it('takes the gold from the answer text, or its last \\boxed{} for cot_math, when there is no answer field', () => {
    const noAnswer = (content: string, type: string) => apply({ messages: turns(['user', 'q'], ['assistant', content]), type, question_format: 0 });
    expect(itemOf(noAnswer(' C ', 'logical_reasoning'))).toMatchObject({ gold: 'C', answerType: 'single_choice' });
    expect(itemOf(noAnswer('x=\\boxed{3}', 'cot_math'))).toMatchObject({ gold: '3', answerType: 'math' });
    expect(errorsOf(noAnswer('no box here', 'cot_math'))).toEqual([{ field: 'answer', code: 'bad_answer', reason: 'no gold answer for an exact-match (question format 0) item' }]);
  });

  it('checks that roles alternate user/assistant after an optional system turn', () => {
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['user', 'a']) }))).toEqual([{ field: 'messages[1].role', code: 'bad_conversation', reason: "expected 'assistant', got 'user'" }]);
    expect(errorsOf(apply({ messages: turns(['assistant', 'a'], ['user', 'q']) }))).toEqual([{ field: 'messages[0].role', code: 'bad_conversation', reason: "expected 'user', got 'assistant'" }]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', 'a'], ['user', 'q2']) }))).toEqual([
      { field: 'messages', code: 'bad_conversation', reason: "expected the last turn to be 'assistant', got 'user'" },
    ]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['bot', 'a']) }))).toEqual([
      { field: 'messages[1].role', code: 'value_not_allowed', reason: "expected one of system, user, assistant, got 'bot'" },
    ]);
  });

  it('checks contents, question_format and choices', () => {
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', 3]) }))).toEqual([{ field: 'messages[1].content', code: 'wrong_type', reason: 'expected string, got number' }]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', ' ']) }))).toEqual([{ field: 'messages[1].content', code: 'empty_text', reason: 'empty assistant message' }]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', 'a']), question_format: 2 }))).toEqual([
      { field: 'question_format', code: 'value_not_allowed', reason: 'expected one of 0, 1, got 2' },
    ]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', 'a']), question_format: 1, choices: ['a', 'b'] }))).toEqual([
      { field: 'choices', code: 'wrong_type', reason: 'expected array of 3 strings, got array of 2' },
    ]);
    expect(errorsOf(apply({ messages: 'hi' }))).toEqual([{ field: 'messages', code: 'wrong_type', reason: 'expected array of at least 2 items, got string' }]);
    expect(errorsOf(apply({ messages: turns(['user', 'q'], ['assistant', 'a']), type: 7 }))).toEqual([{ field: 'type', code: 'wrong_type', reason: 'expected string, got number' }]);
  });

  it('keeps the record id', () => {
    expect(itemOf(apply({ id: 42, messages: turns(['user', 'q'], ['assistant', 'a']) }))?.sourceRecordId).toBe('42');
  });
});
