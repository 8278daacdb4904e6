import { describe, expect, it } from 'vitest';
import { GUIDANCE_MESSAGE_KEYS, reason } from './guidance-messages';

// Chinese is first-class: every guidance sentence exists in en and zh-CN, and none lacks a parameter it needs.
const PARAMS = { ability: 'history', floor: 64, cap: 1000, alpha: 0.03, marginal: 0.0001, available: 50, quota: 42, target: 64, change: -0.005, current: 1000, score: 0.5, budget: 200, allocated: 150, unallocated: 50, needed: 306, hours: 10, abilities: ['code', 'history'], class: 'resistant', acceptedPerHour: 7.5, gainPerHour: 0.0004 };

describe(reason.name, () => {
  it.each(GUIDANCE_MESSAGE_KEYS)('%s renders in en and zh-CN without a missing parameter', (key) => {
    const { text } = reason(key, PARAMS);
    expect(text.en).toMatch(/\S/);
    expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    for (const t of Object.values(text)) expect(t).not.toMatch(/undefined|NaN|\[object/);
  });

  it('signs changes and joins lists with each language\'s separator', () => {
    expect(reason('pace.guidance.quota.expectedChange', PARAMS).text.en).toBe('Expected score change −0.005 (fitted curve, 1000 → 42 items).');
    expect(reason('pace.guidance.hours.worthMost', PARAMS).text).toEqual({
      en: 'The next 10 hours are worth most in code, history.',
      'zh-CN': '接下来 10 小时的标注最值得投入在 code、history。',
    });
  });
});
