import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTextTokens } from './token-estimate';

describe(estimateTextTokens.name, () => {
  it('counts a CJK character as a token and other text at four characters a token (Chinese is first-class)', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('hello world!')).toBe(3);
    expect(estimateTextTokens('中文测试')).toBe(4);
    expect(estimateTextTokens('写一首诗 about spring。')).toBe(5 + 4); // 4 Han + 。, then " about spring": 13 characters, ⌈13/4⌉
    expect(estimateTextTokens('ひらがなカタカナ한국어')).toBe(11);
  });

  it('adds 4 tokens of framing per message and 3 for the reply (the OpenAI cookbook count)', () => {
    expect(estimatePromptTokens([{ role: 'user', content: 'hello world!' }])).toBe(3 + 4 + 3);
    expect(estimatePromptTokens([{ role: 'system', content: '你好' }, { role: 'user', content: 'abcd', name: 'ann' }])).toBe(3 + 4 + 2 + 4 + 1 + 1);
  });
});
