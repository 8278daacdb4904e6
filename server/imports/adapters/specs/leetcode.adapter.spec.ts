import { describe, expect, it } from 'vitest';
import { applyAdapter } from '../adapter-engine';
import { noSharedData, readMarkdownTree, runSample, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';
import { leetcodeAdapter } from './leetcode.adapter';

warnIfNoSharedData('the leetcode adapter');

const problems = () => readMarkdownTree('README.md', 'leetcode');
const FIXTURE = [
  '---',
  'difficulty: 简单',
  'tags:',
  '    - 数组',
  '---',
  '',
  '# [1. 两数之和 🔒](https://leetcode.cn/problems/two-sum)',
  '',
  '<!-- description:start -->',
  '<p>给定 <code>nums</code>。</p>',
  '<pre><strong>输入：</strong>nums = [2,7]</pre>',
  '<!-- description:end -->',
  '',
  '<!-- solution:start -->',
  '',
  '### 方法一：哈希表',
  '',
  '遍历数组。',
  '',
  '<!-- tabs:start -->',
  '',
  '#### Java',
  '',
  '```java',
  'class Solution {}',
  '```',
  '',
  '#### Python3',
  '',
  '```python',
  'class Solution: pass',
  '```',
  '',
  '<!-- tabs:end -->',
  '',
  '<!-- solution:end -->',
].join('\n');

describe('leetcode adapter', () => {
  it('builds title + statement and the first method’s explanation + Python3 code', () => {
    expect(applyAdapter(leetcodeAdapter, { path: 'solution/0000-0099/0001.Two Sum/README.md', text: FIXTURE })).toEqual({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'user', content: '两数之和\n\n给定 `nums`。\n\n```\n输入：nums = [2,7]\n```' },
            { role: 'assistant', content: '方法一：哈希表\n\n遍历数组。\n\n```python\nclass Solution: pass\n```' },
          ],
          ability: 'code',
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          sourceRecordId: '1',
          meta: { title: '两数之和', difficulty: '简单', tags: ['数组'] },
        },
      ],
    });
  });

  it('skips Markdown files that are not problem READMEs', () => {
    expect(applyAdapter(leetcodeAdapter, { path: 'PROVENANCE.md', text: '# leetcode' })).toEqual({ kind: 'skipped', reason: 'not a problem README: PROVENANCE.md' });
  });

  it.skipIf(noSharedData)('turns all 200 problem READMEs into code items', () => {
    const run = runSample('leetcode', problems());
    expect([run.items.length, run.skipped.length, run.invalid.length]).toEqual([200, 0, 0]);
    expect(unsoundItems(run.items)).toEqual([]);
    expect(run.items.every((i) => /```[\s\S]+```$/.test(i.messages[1].content))).toBe(true);
    // 180 problems have a Python3 tab; 3465 has none but its Pandas tab is Python too.
    expect(run.items.filter((i) => i.messages[1].content.includes('```python\n'))).toHaveLength(181);
  });

  it.skipIf(noSharedData)('spot-checks problem 11 and the SQL-only problem 534', () => {
    const { items } = runSample('leetcode', problems());
    const eleven = items.find((i) => i.sourceRecordId === '11');
    expect(eleven?.meta).toEqual({ title: '盛最多水的容器', difficulty: '中等', tags: ['贪心', '数组', '双指针'] });
    expect(eleven?.messages[0].content.startsWith('盛最多水的容器\n\n给定一个长度为 `n` 的整数数组')).toBe(true);
    expect(eleven?.messages[0].content).toContain('```\n输入：height = [1,1]\n输出：1\n```');
    expect(eleven?.messages[0].content).toContain('`2 <= n <= 10^5`');
    expect(eleven?.messages[1].content.startsWith('方法一：双指针\n\n我们使用两个指针')).toBe(true);
    expect(eleven?.messages[1].content).toContain('```python\nclass Solution:\n    def maxArea(self, height: List[int]) -> int:\n');
    const sql = items.find((i) => i.sourceRecordId === '534');
    expect(sql?.meta?.title).toBe('游戏玩法分析 III');
    expect(sql?.messages[1].content).toContain('```sql\n# Write your MySQL query statement below');
  });
});
