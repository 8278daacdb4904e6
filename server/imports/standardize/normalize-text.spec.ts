import { describe, expect, it } from 'vitest';
import { messagesText, normalizeText } from './normalize-text';
import { splitProtected } from './protected-spans';

const cases: Array<[string, string, string]> = [
  // [what, input, expected]
  ['Chinese punctuation', '你好,世界!今天天气怎么样?', '你好，世界！今天天气怎么样？'],
  ['English punctuation', 'Hello，world！How are you？', 'Hello,world!How are you?'],
  ['full stops between CJK', '他来了.她走了.', '他来了。她走了。'],
  ['full stop before whitespace', '第一句.\n第二句. 第三句', '第一句。\n第二句。 第三句'],
  ['decimals and numbers stay', '圆周率是3.14,共1,000人,比例1:2', '圆周率是3.14，共1,000人，比例1:2'],
  ['file names, URLs, abbreviations stay', '打开test.txt或www.baidu.com.e.g.这样', '打开test.txt或www.baidu.com.e.g.这样'],
  ['ellipsis stays', '等等...然后', '等等...然后'],
  ['marks in a row agree', '什么?!真的吗?!', '什么？！真的吗？！'],
  ['colon before time', '时间:10:30', '时间：10:30'],
  ['mixed Chinese with English words', '我喜欢Python,也喜欢Go.', '我喜欢Python，也喜欢Go.'],
  ['English quote in Chinese keeps its marks', '他说“OK!”然后走了', '他说“OK!”然后走了'],
  ['list numbers stay', '1.你好\n2.世界', '1.你好\n2.世界'],
  ['parens holding CJK become full-width', 'Python(一种语言)很好', 'Python（一种语言）很好'],
  ['formula parens stay ASCII', '函数f(x)的值', '函数f(x)的值'],
  ['full-width parens around Latin between Latin become ASCII', 'abc（def）ghi', 'abc(def)ghi'],
  ['full-width parens in Chinese stay', '见附录（Appendix）。', '见附录（Appendix）。'],
  ['a mixed pair is made consistent', '正确的是( ）', '正确的是（ ）'],
  ['full stop after a full-width paren', '（注：这是注释）.', '（注：这是注释）。'],
  ['markdown link untouched', '见[链接](https://example.com/中文)', '见[链接](https://example.com/中文)'],
  ['code-like parens untouched', '调用print("你好")即可', '调用print("你好")即可'],
  ['full-width letters and digits', 'ＡＢＣ１２３ｘｙｚ是字母', 'ABC123xyz是字母'],
  ['NFC', 'Cafe\u0301 ｅ\u0301', 'Café é'],
  ['CRLF and CR', 'a\r\nb\rc', 'a\nb\nc'],
  ['other spaces and tabs', 'a\u00a0b\u2003c\td  e', 'a b c d e'],
  ['ideographic space: indent dropped, inner → space', '\u3000\u3000第一段\u3000内容\n\u3000\u3000第二段', '第一段 内容\n第二段'],
  ['trailing spaces and blank lines', 'a  \n\n\n\n  \nb \t\n', 'a\n\nb'],
  ['indentation kept', '列表:\n  - 子项\n    - 更深', '列表：\n  - 子项\n    - 更深'],
  ['whole text trimmed', '\n\n  你好  \n\n', '你好'],
  ['HTML tags, comments and entities untouched', '<p>表:&nbsp;开始,&#x4e2d;</p><img alt="图,片"><!-- 注释,x -->', '<p>表：&nbsp;开始，&#x4e2d;</p><img alt="图,片"><!-- 注释,x -->'],
];

describe('normalizeText', () => {
  for (const [what, input, expected] of cases) {
    it(what, () => {
      expect(normalizeText(input)).toBe(expected);
      expect(normalizeText(expected)).toBe(expected);
    });
  }

  it('keeps fenced code byte-for-byte (except CRLF)', () => {
    const code = '```python\r\nprint("你好,世界")  \r\n\r\n\r\n\r\nx\t=  1\u00a0# ＡＢ\r\n```';
    const out = normalizeText(`看代码:\r\n\r\n\r\n${code}\r\n然后,结束.`);
    expect(out).toBe(`看代码：\n\n${code.replace(/\r\n/g, '\n')}\n然后，结束。`);
  });

  it('keeps an unclosed fence to the end of the text', () => {
    expect(normalizeText('说明,如下:\n~~~\na ,  b\u3000c')).toBe('说明，如下：\n~~~\na ,  b\u3000c');
  });

  it('keeps inline code, math and HTML code byte-for-byte', () => {
    const input = '代码`print("你好,世界")`,公式$a,b  .$和$$\nx(你)\n$$以及\\(x,y\\)和\\[\n（ａ）\n\\]还有<code>a,你</code>,<pre>\n  x,  y\n</pre>完';
    expect(normalizeText(input)).toBe('代码`print("你好,世界")`，公式$a,b  .$和$$\nx(你)\n$$以及\\(x,y\\)和\\[\n（ａ）\n\\]还有<code>a,你</code>,<pre>\n  x,  y\n</pre>完');
  });

  it('does not take dollar amounts or escaped dollars for math', () => {
    expect(normalizeText('价格是$5,然后$10,共计')).toBe('价格是$5，然后$10，共计');
    expect(normalizeText('符号\\$a,你\\$')).toBe('符号\\$a，你\\$');
  });

  it('leaves an unclosed backtick or math opener as prose', () => {
    expect(normalizeText('一个`反引号,没有闭合')).toBe('一个`反引号，没有闭合');
    expect(normalizeText('一个\\(开始,没有结束')).toBe('一个\\(开始，没有结束');
  });

  it('is idempotent on random mixtures of the tricky characters', () => {
    const alphabet = ['你', '好', '。', '，', ',', '.', ':', '：', ';', '!', '！', '?', '？', '(', ')', '（', '）', 'a', 'B', '1', 'ａ', '１', ' ', '  ', '\t', '\u00a0', '\u3000', '\n', '\n\n\n', '\r\n', '\r', '`', '```', '~~~', '$', '$$', '\\', '\\(', '\\)', '\\[', '\\]', '[', ']', '"', '_', '<code>', '</code>', '<pre>', '</pre>', 'e\u0301', 'ｅ\u0301', '𠀀', 'か', '한', '“', '”', '…', '、'];
    let seed = 20231030;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let t = 0; t < 30_000; t++) {
      let s = '';
      for (let i = 1 + Math.floor(rnd() * 30); i > 0; i--) s += alphabet[Math.floor(rnd() * alphabet.length)];
      const once = normalizeText(s);
      expect(normalizeText(once), JSON.stringify(s)).toBe(once);
      const keptIn = splitProtected(s.replace(/\r\n?/g, '\n')).filter((p) => p.kept).map((p) => p.text);
      const keptOut = splitProtected(once).filter((p) => p.kept).map((p) => p.text);
      expect(keptOut, JSON.stringify(s)).toEqual(keptIn);
    }
  });
});

describe('splitProtected', () => {
  it('finds code, math and HTML code spans', () => {
    const spans = splitProtected('a `x` b $y$ c\n  ```\nz\n```  \nd \\[w\\] e <PRE>q</pre>');
    expect(spans.filter((s) => s.kept).map((s) => s.text)).toEqual(['`x`', '$y$', '```\nz\n```', '\\[w\\]', '<PRE>q</pre>']);
    expect(spans.map((s) => s.text).join('')).toBe('a `x` b $y$ c\n  ```\nz\n```  \nd \\[w\\] e <PRE>q</pre>');
  });

  it('does not let inline code or $ math cross a blank line', () => {
    expect(splitProtected('`a\n\nb`').every((s) => !s.kept)).toBe(true);
    expect(splitProtected('$a\n \nb$').every((s) => !s.kept)).toBe(true);
    expect(splitProtected('$$a\n\nb$$').map((s) => s.kept)).toEqual([true]);
  });
});

describe('messagesText', () => {
  it('joins contents with newlines', () => {
    expect(messagesText([{ role: 'user', content: '问' }, { role: 'assistant', content: '答' }])).toBe('问\n答');
  });
});
