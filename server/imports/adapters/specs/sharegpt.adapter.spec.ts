import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { sharegptAdapter } from './sharegpt.adapter';

const conv = (...pairs: Array<[string, string]>) => pairs.map(([from, value]) => ({ from, value }));

describe('sharegpt adapter', () => {
  it('maps human/gpt turns and prepends the top-level system prompt', () => {
    const result = applyAdapter(sharegptAdapter, { id: 'c1', system: '你是助手', conversations: conv(['human', '你好'], ['gpt', '你好！'], ['user', '再见'], ['assistant', '再见']) });
    expect(result).toEqual({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'system', content: '你是助手' },
            { role: 'user', content: '你好' },
            { role: 'assistant', content: '你好！' },
            { role: 'user', content: '再见' },
            { role: 'assistant', content: '再见' },
          ],
          ability: null,
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          sourceRecordId: 'c1',
        },
      ],
    });
  });

  it('accepts a system turn inside the conversation and leaves out an empty top-level one', () => {
    const result = applyAdapter(sharegptAdapter, { system: '', conversations: conv(['system', 's'], ['human', 'q'], ['gpt', 'a']) });
    expect(result.kind === 'items' && result.items[0].messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant']);
  });

  it('names the raw role field and the accepted spellings when turns are out of order', () => {
    expect(applyAdapter(sharegptAdapter, { conversations: conv(['human', 'q'], ['human', 'q2']) })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'conversations[1].from', code: 'bad_conversation', reason: "expected 'assistant' (gpt/assistant), got 'human'" }],
    });
    expect(applyAdapter(sharegptAdapter, { conversations: conv(['human', 'q'], ['bot', 'a']) })).toEqual({
      kind: 'invalid',
      errors: [{ field: 'conversations[1].from', code: 'value_not_allowed', reason: "expected one of human, user, gpt, assistant, system, got 'bot'" }],
    });
  });
});
