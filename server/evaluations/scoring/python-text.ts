// The DoIT parsers are Python 3; these helpers give JavaScript strings the Python `str` and `re`
// semantics those parsers rely on, so the ports can keep DoIT's verdicts character for character.

/** Python's `str.isspace()` set (also what `re`'s `\s` matches in str patterns); JS `\s` lacks \x1c–\x1f and \x85 and adds \ufeff. */
export const PY_SPACE_CLASS = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python `re`'s `\w` in str patterns (letters, numbers, underscore), for use inside a `u`-flag character class. */
export const PY_WORD_CLASS = '\\p{L}\\p{N}_';
/** Python `re`'s `\d` in str patterns: any Unicode decimal digit. */
export const PY_DIGIT = '\\p{Nd}';

const LEADING_SPACE = new RegExp(`^[${PY_SPACE_CLASS}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${PY_SPACE_CLASS}]+$`, 'u');

/** `s.strip()` / `s.strip(chars)`. */
export function pyStrip(s: string, chars?: string): string {
  return pyRstrip(pyLstrip(s, chars), chars);
}

/** `s.lstrip()` / `s.lstrip(chars)`. */
export function pyLstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(LEADING_SPACE, '');
  const set = new Set(chars);
  let i = 0;
  while (i < s.length && set.has(s[i])) i += 1;
  return s.slice(i);
}

/** `s.rstrip()` / `s.rstrip(chars)`. */
export function pyRstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(TRAILING_SPACE, '');
  const set = new Set(chars);
  let end = s.length;
  while (end > 0 && set.has(s[end - 1])) end -= 1;
  return s.slice(0, end);
}

/** `len(s)`: code points, not UTF-16 units. */
export function pyLen(s: string): number {
  return Array.from(s).length;
}

/** Python `s[0]` as the ported code uses it: the first code point, or an IndexError on an empty string. */
export function firstCodePoint(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) throw new PythonError('IndexError: string index out of range');
  return String.fromCodePoint(first);
}

/** `int(s)` for a str: surrounding whitespace, a sign, Unicode decimal digits with single underscores between them. */
export function pyInt(s: string): bigint | null {
  const m = new RegExp(`^([+-]?)(${PY_DIGIT}+(?:_${PY_DIGIT}+)*)$`, 'u').exec(pyStrip(s));
  if (!m) return null;
  const ascii = Array.from(m[2].replaceAll('_', ''), digitValue).join('');
  const value = BigInt(ascii);
  return m[1] === '-' ? -value : value;
}

const ND = new RegExp(`^${PY_DIGIT}$`, 'u');

/** Value of a decimal digit: Unicode lays every Nd digit out in runs of ten from 0 to 9. */
function digitValue(digit: string): string {
  let cp = digit.codePointAt(0)!;
  let run = 0;
  while (ND.test(String.fromCodePoint(cp - 1))) {
    cp -= 1;
    run += 1;
  }
  return String(run % 10);
}

/** An exception the Python original would raise at this point (its caller may catch it, as `is_equiv` does). */
export class PythonError extends Error {}
