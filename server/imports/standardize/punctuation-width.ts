import { codePointAtOr, codePointBefore, isCjkLetter, isCjkPunct, isLatinLike, isSpace, startOfCodePointBefore } from './char-classes';

type Cls = 'cjk' | 'latin' | 'space' | 'end' | 'other';
type Width = 'full' | 'ascii';

const TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。' };
const TO_ASCII: Record<string, string> = { '，': ',', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')' };
/** ,:;!? in either width: looked through when finding a mark's neighbours, so marks in a row agree. */
const RUN_MARKS = new Set([',', ':', ';', '!', '?', '，', '：', '；', '！', '？']);
const CANDIDATES = /[,.:;!?()，：；！？（）]/g;
const CJK_LETTERS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}]/u;
/** Parentheses around text like this are probably code or a formula: left alone. */
const CODE_LIKE = /["'=<>{}[\]\\/_]/;

const isOpen = (c: string) => c === '(' || c === '（';
const isClose = (c: string) => c === ')' || c === '）';
const isFull = (c: string) => c === '（' || c === '）' || c in TO_ASCII;

function baseClass(cp: number): Cls {
  if (isSpace(cp)) return 'space';
  if (isCjkLetter(cp) || isCjkPunct(cp)) return 'cjk';
  return isLatinLike(cp) ? 'latin' : 'other';
}

/**
 * Makes the width of ,.:;!?() agree with the text around them in one prose span: ASCII next to CJK
 * → full-width; full-width ，：；！？ after Latin/digits with no CJK neighbour → ASCII; '.' → '。' only
 * between CJK and CJK/space/end; a pair of parentheses is converted together (full-width when it
 * holds CJK letters, ASCII when neither it nor its surroundings hold CJK, unchanged otherwise).
 *
 * Idempotence: every decision reads only facts that the conversions never change: the class of
 * letters and spaces, a paren pair's decided width, and ,:;!? marks, which are looked through
 * (pairs, marks) or count as 'other' ('.') whatever their width.
 */
export function fixPunctuationWidth(s: string, atTextStart: boolean, atTextEnd: boolean): string {
  const marks: number[] = [];
  CANDIDATES.lastIndex = 0;
  for (let m = CANDIDATES.exec(s); m !== null; m = CANDIDATES.exec(s)) marks.push(m.index);
  if (marks.length === 0) return s;
  const n = s.length;
  const parenWidth = new Map<number, Width>();
  const dots = new Set<number>();

  const edge = (before: boolean): Cls => ((before ? atTextStart : atTextEnd) ? 'end' : 'other');

  /** Class of the char at i (i may be -1 or n: the span's edges). */
  const classAt = (i: number, stage: 'pairs' | 'dots' | 'marks'): Cls => {
    if (i < 0) return edge(true);
    if (i >= n) return edge(false);
    const c = s[i];
    if (isOpen(c) || isClose(c)) {
      if (stage === 'pairs') return 'other';
      return (parenWidth.get(i) ?? (isFull(c) ? 'full' : 'ascii')) === 'full' ? 'cjk' : 'other';
    }
    if (c === '.') return stage === 'marks' && dots.has(i) ? 'cjk' : 'other';
    if (RUN_MARKS.has(c)) return 'other';
    return baseClass(codePointAtOr(s, i));
  };

  /** Class of the neighbour of i in direction dir, looking through ,:;!? marks. */
  const neighbour = (i: number, dir: -1 | 1, stage: 'pairs' | 'marks'): Cls => {
    let j = dir < 0 ? startOfCodePointBefore(s, i) : i + (codePointAtOr(s, i) > 0xffff ? 2 : 1);
    while (j >= 0 && j < n && RUN_MARKS.has(s[j])) j += dir;
    if (dir < 0 && j >= 0) j = startOfCodePointBefore(s, j + 1);
    return classAt(j, stage);
  };

  // 1. parenthesis pairs
  const stack: number[] = [];
  for (const i of marks) {
    const c = s[i];
    if (isOpen(c)) stack.push(i);
    else if (isClose(c) && stack.length > 0) {
      const o = stack.pop() as number;
      const content = s.slice(o + 1, i);
      let width: Width | null;
      if (s[o - 1] === '\\' || s[i - 1] === '\\' || s[o - 1] === ']' || CODE_LIKE.test(content)) width = null;
      else if (CJK_LETTERS.test(content)) width = 'full';
      else if (neighbour(o, -1, 'pairs') === 'cjk' || neighbour(i, 1, 'pairs') === 'cjk') {
        width = isFull(s[o]) || isFull(c) ? 'full' : 'ascii';
      } else width = 'ascii';
      if (width !== null) {
        parenWidth.set(o, width);
        parenWidth.set(i, width);
      }
    }
  }

  // 2. full stops: immediate neighbours only, so "...", "3.14", "e.g." and file names stay
  for (const i of marks) {
    if (s[i] !== '.') continue;
    const prev = classAt(startOfCodePointBefore(s, i), 'dots');
    const next = classAt(i + 1, 'dots');
    if (prev === 'cjk' && (next === 'cjk' || next === 'space' || next === 'end')) dots.add(i);
  }

  // 3. assemble, deciding ,:;!? marks on the way
  let out = '';
  let last = 0;
  for (const i of marks) {
    const c = s[i];
    let r: string | undefined;
    if (isOpen(c) || isClose(c)) {
      const w = parenWidth.get(i);
      if (w === 'full' && !isFull(c)) r = TO_FULL[c];
      else if (w === 'ascii' && isFull(c)) r = TO_ASCII[c];
    } else if (c === '.') {
      if (dots.has(i)) r = '。';
    } else if (RUN_MARKS.has(c)) {
      const prev = neighbour(i, -1, 'marks');
      const next = neighbour(i, 1, 'marks');
      if (!isFull(c)) {
        if (prev === 'cjk' || next === 'cjk') r = TO_FULL[c];
      } else if (prev === 'latin' && (next === 'latin' || next === 'space' || next === 'end')) r = TO_ASCII[c];
    }
    if (r !== undefined) {
      out += s.slice(last, i) + r;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}
