import { describe, expect, it } from 'vitest';
import { dedupNormalize } from './dedup-normalize.util';
import { randomHan, seededRandom } from './dedup-spec-helpers';
import { itemSimilarity, withoutContext } from './item-similarity';
import { MinHasher } from './min-hasher';

const hasher = new MinHasher();
const random = seededRandom(5);
const passage = randomHan(random, 600);
const otherPassage = randomHan(random, 600);
const sig = (text: string) => hasher.signature(dedupNormalize(text));
function item(context: string | null, qa: string) {
  const whole = context ? `${context}\n${qa}` : qa;
  return { full: sig(whole), qa: context ? sig(withoutContext(dedupNormalize(whole), dedupNormalize(context))) : null, context: context ? sig(context) : null };
}

describe(itemSimilarity.name, () => {
  const question = `问题：${randomHan(random, 30)}？答案：${randomHan(random, 30)}`;
  const otherQuestion = `问题：${randomHan(random, 30)}？答案：${randomHan(random, 30)}`;

  it('issue 11 item 3: two questions over one passage are not alike, though their whole texts are', () => {
    const a = item(passage, question);
    const b = item(passage, otherQuestion);
    expect(itemSimilarity({ ...a, qa: null, context: null }, { ...b, qa: null, context: null })).toBeGreaterThan(0.8); // the old rule
    expect(itemSimilarity(a, b)).toBeLessThan(0.3);
  });

  it('finds the same question over the same passage, and a near-identical one', () => {
    expect(itemSimilarity(item(passage, question), item(passage, question))).toBe(1);
    expect(itemSimilarity(item(passage, question), item(passage, `${question}。呢`))).toBeGreaterThanOrEqual(0.8);
  });

  it('does not merge the same question over different passages, nor an item with a passage and one without', () => {
    expect(itemSimilarity(item(passage, question), item(otherPassage, question))).toBeLessThan(0.3);
    expect(itemSimilarity(item(passage, question), item(null, question))).toBe(0);
  });

  it('compares items without a context by their whole text, as before', () => {
    expect(itemSimilarity(item(null, question), item(null, question))).toBe(1);
    expect(itemSimilarity(item(null, question), item(null, otherQuestion))).toBeLessThan(0.3);
  });
});

describe(withoutContext.name, () => {
  it('removes the first occurrence of the context, ignoring spacing and punctuation', () => {
    const text = dedupNormalize('男：你好！\n女：你好。\n他们在做什么？\nA. 打招呼');
    expect(withoutContext(text, dedupNormalize('男：你好！ 女：你好。'))).toBe('他们在做什么a打招呼');
  });

  it('leaves the text whole when the context is empty or not in it', () => {
    expect(withoutContext('abc', '')).toBe('abc');
    expect(withoutContext('abc', 'xyz')).toBe('abc');
  });
});
