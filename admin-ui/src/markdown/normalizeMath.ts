/**
 * Rewrites an item's LaTeX delimiters into the ones remark-math parses, leaving code as written:
 * - `\(…\)` becomes `$…$` and `\[…\]` becomes `$$…$$` (remark-math knows only dollars);
 * - a `$$…$$` or `\[…\]` that stands alone on its line(s) becomes a display block (`$$` fences on their own lines),
 *   since remark-math typesets a one-line `$$…$$` inline;
 * - a single `$` that cannot open inline math by Pandoc's rule (the opening `$` has a non-space character right after
 *   it, the closing one a non-space character right before it and no digit right after it) is escaped, so currency
 *   (`$5 and $10`) stays text where remark-math alone would pair the two dollars into a formula.
 * Fenced code blocks and code spans are copied untouched. (Indented code blocks are not told apart from text.)
 */
export function normalizeMath(text: string): string {
  if (!/[$\\]/.test(text)) return text;
  return splitFences(text)
    .map((part) => (part.code ? part.text : normalizeProse(part.text)))
    .join('');
}

interface Part {
  code: boolean;
  text: string;
}

/** The text cut into fenced code blocks (``` or ~~~, three or more, up to a closing fence or the end) and the rest. */
function splitFences(text: string): Part[] {
  const parts: Part[] = [];
  const lines = text.split(/(?<=\n)/);
  let prose = '';
  let fence: { char: string; size: number } | null = null;
  let code = '';
  for (const line of lines) {
    if (!fence) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      // a backtick fence's info string may not hold a backtick (CommonMark): such a line is text
      if (open && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
        if (prose) parts.push({ code: false, text: prose });
        prose = '';
        fence = { char: open[1][0], size: open[1].length };
        code = line;
      } else {
        prose += line;
      }
      continue;
    }
    code += line;
    const close = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?\n?$/.exec(line);
    if (close && close[1][0] === fence.char && close[1].length >= fence.size) {
      parts.push({ code: true, text: code });
      fence = null;
      code = '';
    }
  }
  if (fence) parts.push({ code: true, text: code });
  if (prose) parts.push({ code: false, text: prose });
  return parts;
}

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** One stretch of text outside fences: code spans are kept, LaTeX delimiters rewritten, stray dollars escaped. */
function normalizeProse(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '`') {
      const run = runAt(text, i, '`');
      const close = findRun(text, i + run, '`', run);
      if (close < 0) {
        out += text.slice(i, i + run);
        i += run;
      } else {
        out += text.slice(i, close + run);
        i = close + run;
      }
      continue;
    }
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '(' || next === '[') {
        const closer = next === '(' ? '\\)' : '\\]';
        const end = text.indexOf(closer, i + 2);
        const body = end >= 0 ? text.slice(i + 2, end).trim() : '';
        if (body) {
          out += next === '(' ? `$${body}$` : displayOrInline(text, end + 2, body, out);
          i = end + 2;
          continue;
        }
      }
      // any other escape (`\$`, `\\`, `\*`) stays as written, the escaped character with it
      out += text.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '$') {
      const run = runAt(text, i, '$');
      if (run >= 2) {
        const close = findRun(text, i + run, '$', run);
        if (close < 0) {
          out += text.slice(i, i + run);
          i += run;
        } else {
          const body = text.slice(i + run, close);
          out += run === 2 && !body.startsWith('\n') ? displayOrInline(text, close + run, body.trim(), out) : text.slice(i, close + run);
          i = close + run;
        }
        continue;
      }
      const close = isSpace(text[i + 1]) ? -1 : findInlineClose(text, i + 1);
      if (close < 0) {
        out += '\\$';
        i += 1;
      } else {
        out += text.slice(i, close + 1);
        i = close + 1;
      }
      continue;
    }
    out += c;
    i += 1;
  }
  return out;
}

/**
 * Display math written up to `end` (`written` holds the text before it, as rewritten so far): a block of its own when nothing else shares its first and last
 * lines (indented like them, so it stays inside a list item or quote), else `$$…$$` in the running text.
 */
function displayOrInline(text: string, end: number, body: string, written: string): string {
  const lineStart = written.lastIndexOf('\n') + 1;
  const before = written.slice(lineStart);
  const lineEnd = text.indexOf('\n', end);
  const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd);
  if (/^[ \t>]*$/.test(before) && /^[ \t]*\r?$/.test(after)) {
    return `$$\n${before}${body.replace(/\n/g, `\n${before}`)}\n${before}$$`;
  }
  return `$$${body}$$`;
}

const runAt = (text: string, i: number, char: string) => {
  let n = 0;
  while (text[i + n] === char) n += 1;
  return n;
};

/** Where the next run of exactly `size` `char`s starts at or after `from`, or -1. */
function findRun(text: string, from: number, char: string, size: number): number {
  for (let i = from; i < text.length; ) {
    if (text[i] !== char) {
      i += 1;
      continue;
    }
    const run = runAt(text, i, char);
    if (run === size) return i;
    i += run;
  }
  return -1;
}

/**
 * The closing `$` of inline math opened just before `from`, or -1. remark-math closes at the next lone `$` (no
 * escapes inside math), so that one is the closer: it counts only when Pandoc's rule allows it.
 */
function findInlineClose(text: string, from: number): number {
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '\n' && /^\n[ \t]*\n/.test(text.slice(i, i + 80))) return -1;
    if (text[i] !== '$') continue;
    const run = runAt(text, i, '$');
    if (run > 1) {
      i += run - 1;
      continue;
    }
    return !isSpace(text[i - 1]) && !isDigit(text[i + 1]) ? i : -1;
  }
  return -1;
}

/**
 * A math item's gold answer is a bare LaTeX expression (`\frac{3}{4}`, `2\sqrt{3}`: the parser's `\boxed{}` content):
 * given as inline math so that it is typeset too. Plain answers (`5`, `x=3或x=-1`) and ones with delimiters stay as
 * written.
 */
export function goldAsMarkdown(answerType: string, gold: string): string {
  if (answerType !== 'math' || /\$|\\\(|\\\[/.test(gold) || !/[\\^_{}]/.test(gold)) return gold;
  return `$${gold.trim()}$`;
}
