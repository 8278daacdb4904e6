/** A piece of text: prose to normalize, or code/math/HTML code that must be kept byte-for-byte. */
export interface TextSpan {
  text: string;
  kept: boolean;
}

const FENCE_OPEN = /[^\S\n]*(`{3,}|~{3,})/y;
const HTML_CODE_OPEN = /<(pre|code)\b[^>]*>/iy;
/** A tag or comment (kept so attributes and entities are not "fixed"); full-width letters count so normalizing cannot create one. */
const HTML_TAG = /<(?:[A-Za-zＡ-Ｚａ-ｚ/][^<>\n]*>|!--[\s\S]*?-->)/y;
const HTML_ENTITY = /&(?:#[0-9０-９]+|#[xXｘＸ][0-9a-fA-F０-９ａ-ｆＡ-Ｆ]+|[A-Za-zＡ-Ｚａ-ｚ][0-9A-Za-z０-９Ａ-Ｚａ-ｚ]*)[;；]/y;
const BLANK_LINE = /\n[^\S\n]*\n/g;
const DIGIT = /\p{Nd}/u;
/** Every kept span starts at one of these (fences with ` or ~); most texts hold none. */
const OPENERS = /[`~\\$<&]/;
const SPACE = /\s/;

/** Where the paragraph holding `from` ends (the next blank line), for spans that may not cross one. */
function paragraphEnd(text: string, from: number): number {
  BLANK_LINE.lastIndex = from;
  const m = BLANK_LINE.exec(text);
  return m ? m.index : text.length;
}

/**
 * End (exclusive) of a fenced block opened at `at` by `fence`: the end of its closing fence (spaces
 * after it are prose), or, when it is never closed, the end of the text less trailing whitespace.
 */
function fenceEnd(text: string, at: number, fence: string): number {
  const close = new RegExp(`^[^\\S\\n]*${fence[0] === '`' ? '`' : '~'}{${fence.length},}(?=[^\\S\\n]*$)`, 'gm');
  const firstLineEnd = text.indexOf('\n', at);
  if (firstLineEnd !== -1) {
    close.lastIndex = firstLineEnd + 1;
    const m = close.exec(text);
    if (m) return m.index + m[0].length;
  }
  return text.trimEnd().length;
}

/** End of the inline code opened by a run of `len` backticks at `at`, or -1. */
function inlineCodeEnd(text: string, at: number, len: number): number {
  const limit = paragraphEnd(text, at);
  let i = text.indexOf('`', at + len);
  while (i !== -1 && i < limit) {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    if (j - i === len) return j;
    i = text.indexOf('`', j);
  }
  return -1;
}

/** End of `$…$` opened at `at` (pandoc's rule: no space inside the dollars, no digit right after the closing one), or -1. */
function inlineMathEnd(text: string, at: number): number {
  const first = text[at + 1];
  if (first === undefined || SPACE.test(first)) return -1;
  const limit = paragraphEnd(text, at);
  for (let j = text.indexOf('$', at + 1); j !== -1 && j < limit; j = text.indexOf('$', j + 1)) {
    if (text[j - 1] === '\\') continue;
    if (j > at + 1 && !SPACE.test(text[j - 1]) && !DIGIT.test(text[j + 1] ?? '')) return j + 1;
  }
  return -1;
}

function htmlCloseEnd(text: string, from: number, tag: string): number {
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  close.lastIndex = from;
  const m = close.exec(text);
  return m ? m.index + m[0].length : -1;
}

function closingEnd(text: string, at: number, closer: string, limit: number): number {
  const j = text.indexOf(closer, at);
  return j !== -1 && j + closer.length <= limit ? j + closer.length : -1;
}

/**
 * Splits text into prose and kept spans. Kept: fenced code blocks (``` or ~~~, to the closing
 * fence or the end of the text), inline code, math ($…$, $$…$$, \(…\), \[…\]), HTML
 * <pre>/<code> elements, other HTML tags and comments, and HTML entities. An opener with no closer is ordinary prose; `\` escapes the next char.
 * Every test here looks only at delimiters and at whitespace-or-not, which prose normalization
 * never changes, so normalized text splits the same way (needed for idempotence).
 */
export function splitProtected(text: string): TextSpan[] {
  if (!OPENERS.test(text)) return text === '' ? [] : [{ text, kept: false }];
  const spans: TextSpan[] = [];
  const n = text.length;
  let prose = 0;
  let i = 0;
  const keep = (start: number, end: number): void => {
    if (start > prose) spans.push({ text: text.slice(prose, start), kept: false });
    spans.push({ text: text.slice(start, end), kept: true });
    prose = i = end;
  };
  while (i < n) {
    if (i === 0 || text.charCodeAt(i - 1) === 10) {
      FENCE_OPEN.lastIndex = i;
      const m = FENCE_OPEN.exec(text);
      if (m) {
        const start = i + m[0].length - m[1].length;
        keep(start, fenceEnd(text, start, m[1]));
        continue;
      }
    }
    const c = text.charCodeAt(i);
    if (c === 96 /* ` */) {
      let j = i;
      while (text.charCodeAt(j) === 96) j++;
      const end = inlineCodeEnd(text, i, j - i);
      if (end !== -1) keep(i, end);
      else i = j;
    } else if (c === 92 /* \ */) {
      const d = text[i + 1];
      const end = d === '(' ? closingEnd(text, i + 2, '\\)', paragraphEnd(text, i)) : d === '[' ? closingEnd(text, i + 2, '\\]', n) : -1;
      if (end !== -1) keep(i, end);
      else i += 2;
    } else if (c === 36 /* $ */) {
      const end = text[i + 1] === '$' ? closingEnd(text, i + 2, '$$', n) : inlineMathEnd(text, i);
      if (end !== -1) keep(i, end);
      else i += text[i + 1] === '$' ? 2 : 1;
    } else if (c === 60 /* < */) {
      HTML_CODE_OPEN.lastIndex = i;
      const m = HTML_CODE_OPEN.exec(text);
      let end = m ? htmlCloseEnd(text, i + m[0].length, m[1]) : -1;
      if (end === -1) {
        HTML_TAG.lastIndex = i;
        end = HTML_TAG.exec(text) ? HTML_TAG.lastIndex : -1;
      }
      if (end !== -1) keep(i, end);
      else i++;
    } else if (c === 38 /* & */) {
      HTML_ENTITY.lastIndex = i;
      if (HTML_ENTITY.exec(text)) keep(i, HTML_ENTITY.lastIndex);
      else i++;
    } else i++;
  }
  if (prose < n) spans.push({ text: text.slice(prose), kept: false });
  return spans;
}
