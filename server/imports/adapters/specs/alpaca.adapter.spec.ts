import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { noSharedData, readJsonArray, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';
import { alpacaAdapter } from './alpaca.adapter';

warnIfNoSharedData('the alpaca adapter (alpaca_gpt4_zh)');

describe('alpaca adapter', () => {
  it('appends a non-empty input after a blank line and keeps an optional system prompt', () => {
    expect(applyAdapter(alpacaAdapter, { instruction: '翻译', input: 'hello', output: '你好', system: '你是翻译' })).toMatchObject({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'system', content: '你是翻译' },
            { role: 'user', content: '翻译\n\nhello' },
            { role: 'assistant', content: '你好' },
          ],
          ability: null,
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          context: 'hello', // issue 11 item 3: the input is the shared context
        },
      ],
    });
    const noInput = applyAdapter(alpacaAdapter, { instruction: '写诗', input: '', output: '诗' }, { defaultAbility: 'creative_writing' });
    expect(noInput).toMatchObject({
      items: [{ messages: [{ role: 'user', content: '写诗' }, { role: 'assistant' }], ability: 'creative_writing' }],
    });
    expect(noInput.kind === 'items' && 'context' in noInput.items[0]).toBe(false);
  });

  it('reports missing or empty fields', () => {
    expect(applyAdapter(alpacaAdapter, { instruction: '', output: 1 })).toEqual({
      kind: 'invalid',
      errors: [
        { field: 'instruction', code: 'empty_text', reason: 'expected non-empty string, got empty string' },
        { field: 'output', code: 'wrong_type', reason: 'expected string, got number' },
      ],
    });
    expect(applyAdapter(alpacaAdapter, { instruction: 'q', output: '' })).toEqual({ kind: 'invalid', errors: [{ field: 'output', code: 'empty_text', reason: 'empty assistant message' }] });
  });

  it.skipIf(noSharedData)('imports all 300 alpaca_gpt4_zh records, 40 of them with an input', () => {
    const records = readJsonArray('alpaca_gpt4_zh', 'alpaca_zh_demo.sample.json');
    const run = runSample('alpaca', records);
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([300, 0, 0]);
    expect(unsoundItems(run.items)).toEqual([]);
    expect(run.items[0].messages[0].content).toBe('输入三支篮球队的名称并生成一个适当的口号。\n\n输入：俄克拉荷马城雷霆队，芝加哥公牛队，布鲁克林网队。');
    expect(run.items.filter((i) => i.messages[0].content.includes('\n\n'))).toHaveLength(40);
  });
});
