import { describe, expect, it } from 'vitest';
import type { ExportItem } from '../export-types';
import { doitRecord, hfRow, openaiRecord } from './records';

const messages = [
  { role: 'user', content: '1+1=?', extra: 'dropped' },
  { role: 'assistant', content: '2' },
];
const item = (over: Partial<ExportItem['content']> = {}): ExportItem => ({
  id: '42',
  ability: 'cot_math',
  content: { messages, questionFormat: 0, answerType: 'math', gold: '2', choices: null, ...over } as ExportItem['content'],
});

describe('export records', () => {
  it('writes an exact-match item as DoIT does, keys in a fixed order, with its answer', () => {
    expect(JSON.stringify(doitRecord(item()))).toBe(
      '{"messages":[{"role":"user","content":"1+1=?"},{"role":"assistant","content":"2"}],"type":"cot_math","question_format":0,"answer":"2"}',
    );
  });

  it('gives an open-ended item the choices [gold, fine, coarse], the gold defaulting to the last assistant turn', () => {
    const open = item({ questionFormat: 1, gold: null, answerType: 'open', distractors: { fine: '3', coarse: 'maths is fun' } });
    expect(doitRecord(open)).toEqual({ messages: messages.map(({ role, content }) => ({ role, content })), type: 'cot_math', question_format: 1, choices: ['2', '3', 'maths is fun'] });
    expect(doitRecord(item({ questionFormat: 1, gold: null, distractors: null }))).not.toHaveProperty('choices');
  });

  it('gives Hugging Face rows every column and OpenAI lines only the messages', () => {
    expect(Object.keys(hfRow(item()))).toEqual(['id', 'type', 'question_format', 'messages', 'choices', 'answer']);
    expect(hfRow(item())).toMatchObject({ id: 42, choices: null, answer: '2' });
    expect(JSON.stringify(openaiRecord(item()))).toBe('{"messages":[{"role":"user","content":"1+1=?"},{"role":"assistant","content":"2"}]}');
  });

  it('issue 15 item 4: names the review mode of an item that was not dual-reviewed, last, and only in DoIT lines', () => {
    expect(JSON.stringify(doitRecord(item({ reviewMode: 'single' })))).toBe(
      '{"messages":[{"role":"user","content":"1+1=?"},{"role":"assistant","content":"2"}],"type":"cot_math","question_format":0,"answer":"2","review_mode":"single"}',
    );
    expect(doitRecord(item())).not.toHaveProperty('review_mode');
    expect(Object.keys(hfRow(item({ reviewMode: 'none' })))).toEqual(['id', 'type', 'question_format', 'messages', 'choices', 'answer']);
    expect(openaiRecord(item({ reviewMode: 'none' }))).toEqual(openaiRecord(item()));
  });
});
