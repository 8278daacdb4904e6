import { charClass, codePointAtOr, startOfCodePointBefore } from './char-classes';

type Cls = 'cjk' | 'latin' | 'space' | 'end' | 'other';
type Width = 'full' | 'ascii';

const TO_FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '!': '！', '?': '？', '(': '（', ')': '）', '.': '。' };
const TO_ASCII: Record<string, string> = { '，': ',', '：': ':', '；': ';', '！': '!', '？': '?', '（': '(', '）': ')' };
const CJK_LETTERS = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Bopomofo}]/u;
/** Parentheses around text like this are probably code or a formula: left alone. */
const CODE_LIKE = /["'=<>{}[\]\\/_]/;

// Char codes rather than one-char strings and regexes: this runs for every mark of every imported text.
const FULL_OPEN = 0xff08; // （
const FULL_CLOSE = 0xff09; // ）
const DOT = 46;

const isOpen = (c: number) => c === 40 || c === FULL_OPEN;
const isClose = (c: number) => c === 41 || c === FULL_CLOSE;
/** ，：；！？ in full width */
const isFullMark = (c: number) => c === 0xff0c || c === 0xff1a || c === 0xff1b || c === 0xff01 || c === 0xff1f;
const isFull = (c: number) => c === FULL_OPEN || c === FULL_CLOSE || isFullMark(c);
/** ,:;!? in either width: looked through when finding a mark's neighbours, so marks in a row agree. */
const isRunMark = (c: number) => c === 44 || c === 58 || c === 59 || c === 33 || c === 63 || isFullMark(c);
/** ,.:;!?() in either width ('.' only in ASCII). */
const isCandidate = (c: number) => (c < 0x80 || c >= 0xff01) && (c === DOT || isRunMark(c) || isOpen(c) || isClose(c));

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
  const n = s.length;
  const marks: number[] = [];
  for (let i = 0; i < n; i++) if (isCandidate(s.charCodeAt(i))) marks.push(i);
  if (marks.length === 0) return s;
  const parenWidth = new Map<number, Width>();
  const dots = new Set<number>();

  const edge = (before: boolean): Cls => ((before ? atTextStart : atTextEnd) ? 'end' : 'other');

  /** Class of the char at i (i may be -1 or n: the span's edges). */
  const classAt = (i: number, stage: 'pairs' | 'dots' | 'marks'): Cls => {
    if (i < 0) return edge(true);
    if (i >= n) return edge(false);
    const c = s.charCodeAt(i);
    if (isOpen(c) || isClose(c)) {
      if (stage === 'pairs') return 'other';
      return (parenWidth.get(i) ?? (isFull(c) ? 'full' : 'ascii')) === 'full' ? 'cjk' : 'other';
    }
    if (c === DOT) return stage === 'marks' && dots.has(i) ? 'cjk' : 'other';
    if (isRunMark(c)) return 'other';
    return charClass(codePointAtOr(s, i));
  };

  /** Class of the neighbour of i in direction dir, looking through ,:;!? marks. */
  const neighbour = (i: number, dir: -1 | 1, stage: 'pairs' | 'marks'): Cls => {
    let j = dir < 0 ? startOfCodePointBefore(s, i) : i + (codePointAtOr(s, i) > 0xffff ? 2 : 1);
    while (j >= 0 && j < n && isRunMark(s.charCodeAt(j))) j += dir;
    if (dir < 0 && j >= 0) j = startOfCodePointBefore(s, j + 1);
    return classAt(j, stage);
  };

  // 1. parenthesis pairs
  const stack: number[] = [];
  for (const i of marks) {
    const c = s.charCodeAt(i);
    if (isOpen(c)) stack.push(i);
    else if (isClose(c) && stack.length > 0) {
      const o = stack.pop() as number;
      const content = s.slice(o + 1, i);
      let width: Width | null;
      if (s[o - 1] === '\\' || s[i - 1] === '\\' || s[o - 1] === ']' || CODE_LIKE.test(content)) width = null;
      else if (CJK_LETTERS.test(content)) width = 'full';
      else if (neighbour(o, -1, 'pairs') === 'cjk' || neighbour(i, 1, 'pairs') === 'cjk') {
        width = isFull(s.charCodeAt(o)) || isFull(c) ? 'full' : 'ascii';
      } else width = 'ascii';
      if (width !== null) {
        parenWidth.set(o, width);
        parenWidth.set(i, width);
      }
    }
  }

  // 2. full stops: immediate neighbours only, so "...", "3.14", "e.g." and file names stay
  for (const i of marks) {
    if (s.charCodeAt(i) !== DOT) continue;
    const prev = classAt(startOfCodePointBefore(s, i), 'dots');
    const next = classAt(i + 1, 'dots');
    if (prev === 'cjk' && (next === 'cjk' || next === 'space' || next === 'end')) dots.add(i);
  }

  // 3. assemble, deciding ,:;!? marks on the way
  let out = '';
  let last = 0;
  for (const i of marks) {
    const c = s.charCodeAt(i);
    let r: string | undefined;
    if (isOpen(c) || isClose(c)) {
      const w = parenWidth.get(i);
      if (w === 'full' && !isFull(c)) r = TO_FULL[s[i]];
      else if (w === 'ascii' && isFull(c)) r = TO_ASCII[s[i]];
    } else if (c === DOT) {
      if (dots.has(i)) r = '。';
    } else if (!isFull(c)) {
      if (neighbour(i, -1, 'marks') === 'cjk' || neighbour(i, 1, 'marks') === 'cjk') r = TO_FULL[s[i]];
    } else if (neighbour(i, -1, 'marks') === 'latin') {
      const next = neighbour(i, 1, 'marks');
      if (next === 'latin' || next === 'space' || next === 'end') r = TO_ASCII[s[i]];
    }
    if (r !== undefined) {
      out += s.slice(last, i) + r;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
}
