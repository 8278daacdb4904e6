import { describe, expect, it } from 'vitest';
import { htmlToMarkdown } from './html-to-markdown.transform';

describe('htmlToMarkdown', () => {
  it('turns <pre> examples into fenced code blocks keeping their text', () => {
    const html = '<p><strong>示例 1：</strong></p>\n<pre>\n<strong>输入：</strong>nums = [1,2]\n<strong>输出：</strong>3</pre>';
    expect(htmlToMarkdown(html)).toBe('**示例 1：**\n\n```\n输入：nums = [1,2]\n输出：3\n```');
  });

  it('keeps superscripts readable inside inline code and text', () => {
    expect(htmlToMarkdown('<ul><li><code>2 &lt;= n &lt;= 10<sup>5</sup></code></li></ul>')).toBe('-   `2 <= n <= 10^5`');
    expect(htmlToMarkdown('<p>x<sub>i</sub> + 2<sup>k</sup></p>')).toBe('x_i + 2^k');
  });

  it('renders tables as pipe tables', () => {
    const html = '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td><td>x|y</td></tr></tbody></table>';
    expect(htmlToMarkdown(html)).toBe('| a | b |\n| --- | --- |\n| 1 | x\\|y |');
  });
});
