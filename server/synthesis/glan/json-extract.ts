import { jsonrepair } from 'jsonrepair';

/**
 * Finding the JSON in a model's completion (issue 15 item 2): JSON lines, a JSON array or object, inside code fences
 * or with prose around it, and repairing what is malformed (trailing commas, single quotes, Python literals,
 * unclosed brackets at a truncated end, unescaped quotes) with jsonrepair. Nothing is dropped silently: every value
 * found comes back with its line, every repair is noted, every chunk that cannot be repaired is a failure with its
 * raw text and the error, and every line of prose outside the JSON is listed as ignored.
 */

export interface FoundValue {
  /** 1-based line of the completion where the value starts. */
  line: number;
  value: unknown;
}

export interface ExtractFailure {
  line: number;
  raw: string;
  error: string;
}

export interface Extraction {
  values: FoundValue[];
  /** Chunks that looked like JSON and could not be parsed even after repair. */
  failures: ExtractFailure[];
  /** Values that parsed only after repair, with the strict parser's error. */
  repaired: { line: number; error: string }[];
  /**
   * Text outside any JSON value — prose the model wrapped around it, list markers — except blank lines, code-fence
   * markers and the commas or semicolons between values.
   */
  ignored: { line: number; text: string }[];
}

const OPEN_QUOTE: Record<string, string> = { '"': '"', "'": "'", '\u201c': '\u201d', '\u2018': '\u2019' };
const FENCE = /^\s*(```|~~~)[\w-]*\s*$/;

/** Splits a completion into its JSON values (see the module comment). */
export function extractJson(raw: string): Extraction {
  const text = raw.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');
  const out: Extraction = { values: [], failures: [], repaired: [], ignored: [] };
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  for (let i = 0, pos = 0; i < lines.length; i++) {
    lineStarts.push(pos);
    pos += lines[i].length + 1;
  }
  const lineOf = (pos: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  let prose = '';
  let proseStart = 0;
  const flushProse = (end: number) => {
    let line = lineOf(proseStart);
    for (const piece of prose.split('\n')) {
      if (!/^[\s,;]*$/.test(piece) && !FENCE.test(piece)) out.ignored.push({ line, text: piece.trim() });
      line++;
    }
    prose = '';
    proseStart = end;
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '{' || (c === '[' && /^\[\s*[[{"'\]\u201c]/.test(text.slice(i, i + 64)))) {
      flushProse(i);
      const end = scanValue(text, i);
      addChunk(out, text.slice(i, end), lineOf(i));
      i = end;
      proseStart = i;
      continue;
    }
    prose += c;
    i++;
  }
  flushProse(text.length);
  return out;
}

/**
 * The end (exclusive) of the JSON value starting at `start`: where its brackets balance, outside strings. A string
 * opens at a quote (straight, single or curly) where a JSON string may start, and closes at its matching quote only
 * when what follows could follow a string (`:` `,` `}` `]`, a line end), so a stray quote or apostrophe inside text
 * does not end it. A value still open at the end of the text runs to the end (a truncated completion). A line that
 * starts a new record (`{"…`) while the previous line could not continue the value (it does not end in , { [ :) ends
 * the value there: one truncated JSON line does not swallow the next. Nor does a value cut off inside a code fence
 * swallow the closing fence (a line of only ``` is never JSON).
 */
function scanValue(text: string, start: number): number {
  const stack: string[] = [];
  let i = start;
  let lastSignificant = '';
  const topLevelLineStart = start === 0 || text[start - 1] === '\n';
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' && topLevelLineStart && stack.length > 0 && /^\{\s*["']/.test(text.slice(i + 1, i + 8)) && !/[,{[:]/.test(lastSignificant)) {
      return i;
    }
    if (c === '\n' && stack.length > 0 && FENCE.test(text.slice(i + 1, text.indexOf('\n', i + 1) < 0 ? undefined : text.indexOf('\n', i + 1)))) return i;
    const close = OPEN_QUOTE[c];
    if (close !== undefined && /[{[,:]/.test(lastSignificant)) {
      i = scanString(text, i + 1, close);
      lastSignificant = '"';
      continue;
    }
    if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      stack.pop();
      if (stack.length === 0) return i + 1;
    }
    if (!/\s/.test(c)) lastSignificant = c;
    i++;
  }
  return text.length;
}

function scanString(text: string, from: number, close: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '\n') return i; // a string does not run over a line end: let the repair close it
    if (c === close && /^\s*([:,}\]]|$)/m.test(text.slice(i + 1, i + 8))) return i + 1;
  }
  return text.length;
}

function addChunk(out: Extraction, chunk: string, line: number): void {
  let value: unknown;
  try {
    value = JSON.parse(chunk);
  } catch (strict) {
    try {
      value = JSON.parse(jsonrepair(chunk));
      out.repaired.push({ line, error: (strict as Error).message });
    } catch (e) {
      out.failures.push({ line, raw: chunk, error: (e as Error).message });
      return;
    }
  }
  out.values.push({ line, value });
}

/** What a retry prompt tells the model when its output could not be used (issue 15 item 2: "retried with the error"). */
export function retryInstruction(error: string, language: 'en' | 'zh'): string {
  return language === 'zh'
    ? `你上一次的输出不是有效的 JSON：${error}。请只输出符合要求格式的 JSON，不要添加任何解释。`
    : `Your output was not valid JSON: ${error}. Reply again with only the JSON in the required format, without any explanation.`;
}
