import { describe, expect, it } from 'vitest';
import { goldAsMarkdown, normalizeMath } from './normalizeMath';

describe(normalizeMath.name, () => {
  it('turns \\(…\\) into $…$ and \\[…\\] into $$…$$, display math on its own line into a block', () => {
    expect(normalizeMath('面积为 \\( \\pi r^2 \\) 平方米')).toBe('面积为 $\\pi r^2$ 平方米');
    expect(normalizeMath('由 \\[a+b\\] 可知')).toBe('由 $$a+b$$ 可知');
    expect(normalizeMath('所以\n\\[\n\\frac{a}{b}\n\\]\n得证')).toBe('所以\n$$\n\\frac{a}{b}\n$$\n得证');
    expect(normalizeMath('$$\\frac{a}{b}$$')).toBe('$$\n\\frac{a}{b}\n$$');
    expect(normalizeMath('> $$x$$')).toBe('> $$\n> x\n> $$');
  });

  it('leaves math that remark-math already reads as it is', () => {
    for (const text of ['$x^2+y^2=z^2$', '勾股定理 $a^2+b^2=c^2$ 成立', '$$\nx\n$$', '行内 $$x$$ 公式', '$5$ 个苹果']) {
      expect(normalizeMath(text)).toBe(text);
    }
  });

  it('escapes dollars that are money, by Pandoc’s rule, so remark-math does not pair them', () => {
    expect(normalizeMath('It costs $5 and $10.')).toBe('It costs \\$5 and \\$10.');
    expect(normalizeMath('$5, or $x$')).toBe('\\$5, or $x$');
    expect(normalizeMath('A lone $ sign')).toBe('A lone \\$ sign');
    expect(normalizeMath('$ x$')).toBe('\\$ x\\$');
    // a closing dollar followed by a digit is money too: `$20 and 30$5`
    expect(normalizeMath('$20 and 30$5')).toBe('\\$20 and 30\\$5');
    // math never spans a blank line
    expect(normalizeMath('$a\n\nb$')).toBe('\\$a\n\nb\\$');
    expect(normalizeMath('already \\$5')).toBe('already \\$5');
  });

  it('never rewrites code spans or fenced code blocks', () => {
    const code = 'Run `echo $HOME \\(x\\)` then\n```bash\necho "$5 and $10" \\[y\\]\n```\n~~~\n$a\n~~~\nand $b$';
    expect(normalizeMath(code)).toBe(code);
    expect(normalizeMath('```\nunclosed $5\n')).toBe('```\nunclosed $5\n');
    expect(normalizeMath('``a ` $5 ``')).toBe('``a ` $5 ``');
  });

  it('keeps escapes as written: \\\\( is a backslash and a parenthesis, not math', () => {
    expect(normalizeMath('a \\\\(b\\\\) c')).toBe('a \\\\(b\\\\) c');
  });
});

describe(goldAsMarkdown.name, () => {
  it('typesets the bare LaTeX gold answer of a math item, and leaves every other gold as written', () => {
    expect(goldAsMarkdown('math', '\\frac{3}{4}')).toBe('$\\frac{3}{4}$');
    expect(goldAsMarkdown('math', ' 2\\sqrt{3} ')).toBe('$2\\sqrt{3}$');
    expect(goldAsMarkdown('math', '5')).toBe('5');
    expect(goldAsMarkdown('math', '$x^2$')).toBe('$x^2$');
    expect(goldAsMarkdown('math', '\\(x^2\\)')).toBe('\\(x^2\\)');
    expect(goldAsMarkdown('cloze', 'a_b')).toBe('a_b');
    expect(goldAsMarkdown('single_choice', 'B')).toBe('B');
  });
});
