import { describe, expect, it } from 'vitest';
import { noSharedData, readJsonArray, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the c3 adapter');

describe('c3 adapter on the real sample', () => {
  it.skipIf(noSharedData)('turns 300 documents into 367 question items', () => {
    const run = runSample('c3', readJsonArray('c3', 'c3-d-test.sample.json'));
    expect([run.results.length, run.items.length, run.skipped.length, run.invalid.length]).toEqual([300, 367, 0, 0]);
    const choices = (content: string) => content.split('\n').filter((line) => /^[A-D]\. /.test(line)).length;
    expect(unsoundItems(run.items, (item) => choices(item.messages[0].content))).toEqual([]);
    expect(new Set(run.items.map((i) => i.sourceRecordId)).size).toBe(367);
  });

  it.skipIf(noSharedData)('builds the dialogue, question and lettered choices (doc 34-203, three choices)', () => {
    const { items } = runSample('c3', readJsonArray('c3', 'c3-d-test.sample.json'));
    const item = items.find((i) => i.sourceRecordId === '34-203#0');
    expect(item?.messages[0].content).toBe(
      '女：你儿子怎么这么高?\n男：他经常运动，特别喜欢打篮球。\n女：我儿子也喜欢打篮球啊，比你儿子矮多了。\n男：你别着急啊，很多男孩儿都长得晚。\n他们在谈什么?\nA. 孩子\nB. 运动\nC. 兴趣',
    );
    expect(item).toMatchObject({ gold: 'A', ability: 'dialogue_understanding', meta: { docId: '34-203' } });
    expect(item?.messages[1].content).toBe('A. 孩子');
    // issue 11 item 3: the dialogue is the context its questions share, compared apart from them.
    expect(item?.context).toBe('女：你儿子怎么这么高?\n男：他经常运动，特别喜欢打篮球。\n女：我儿子也喜欢打篮球啊，比你儿子矮多了。\n男：你别着急啊，很多男孩儿都长得晚。');
  });

  it.skipIf(noSharedData)('numbers the questions of a multi-question document (m22-24)', () => {
    const { items } = runSample('c3', readJsonArray('c3', 'c3-d-test.sample.json'));
    const golds = items.filter((i) => i.meta?.docId === 'm22-24').map((i) => [i.sourceRecordId, i.gold]);
    expect(golds).toEqual([
      ['m22-24#0', 'C'],
      ['m22-24#1', 'D'],
      ['m22-24#2', 'B'],
      ['m22-24#3', 'D'],
      ['m22-24#4', 'A'],
    ]);
  });
});
