import { describe, expect, it } from 'vitest';
import { codeBlock, frontMatter } from './markdown.transform';
import { TransformError } from './transform-error';

const DOC = ['---', 'difficulty: 中等', 'tags:', '    - 数组', '    - 双指针', '---', '', '# [1. 两数之和](x)', ''].join('\n');

describe('markdown transforms', () => {
  it('frontMatter reads keys of the YAML block at the top', () => {
    expect(frontMatter(DOC, 'difficulty')).toBe('中等');
    expect(frontMatter(DOC, 'tags')).toEqual(['数组', '双指针']);
    expect(frontMatter(DOC, 'rating')).toBeNull();
    expect(frontMatter('# no front matter', 'difficulty')).toBeNull();
    expect(() => frontMatter('---\na: [unclosed\n---\n', 'a')).toThrow(TransformError);
  });

  it('codeBlock returns the first fenced block of a wanted language, fences included', () => {
    const text = '#### Java\n\n```java\nclass A {}\n```\n\n#### Python3\n\n```python\nprint(1)\n```\n';
    expect(codeBlock(text, 'python', 'python3')).toBe('```python\nprint(1)\n```');
    expect(codeBlock(text)).toBe('```java\nclass A {}\n```');
    expect(codeBlock(text, 'go')).toBeNull();
  });
});
