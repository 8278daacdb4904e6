// Ports of DoIT evaluate/parse_utils.py parse_math_tasks and evaluate/math_equivalence.py
// (ChiyuSONG/dynamics-of-instruction-tuning, MIT, © Microsoft Corporation). Quirks are kept on purpose:
// the requirement is DoIT's verdict on the same output, and each one is named where it happens.
import { PY_DIGIT, PY_WORD_CLASS, PythonError, firstCodePoint, pyInt, pyLen, pyLstrip, pyRstrip, pyStrip } from './python-text';

/** The last `\boxed{…}` (or, with no `\boxed`, `\fbox…`) with balanced braces, wrapper included; null when unclosed (last_boxed_only_string). */
export function lastBoxed(text: string): string | null {
  let idx = text.lastIndexOf('\\boxed');
  if (idx < 0) {
    idx = text.lastIndexOf('\\fbox');
    if (idx < 0) return null;
  }
  let open = 0;
  for (let i = idx; i < text.length; i += 1) {
    if (text[i] === '{') open += 1;
    if (text[i] === '}') {
      open -= 1;
      if (open === 0) return text.slice(idx, i + 1);
    }
  }
  return null;
}

/** remove_boxed: the inside of `\boxed{…}`, right of its last '='. DoIT checks for '\boxed{' even on an `\fbox`, which therefore yields null. */
function removeBoxed(s: string): string | null {
  const left = '\\boxed{';
  if (!s.startsWith(left) || !s.endsWith('}')) return null;
  const answer = s.slice(left.length, -1);
  return answer.includes('=') ? pyLstrip(answer.split('=').at(-1)!, ' ') : answer;
}

/** get_answer_with_dollar_sign: the last `$…$` on a line (greedy within the line), right of its last '='. */
function answerWithDollarSign(s: string): string | null {
  const matches = [...s.matchAll(/\$([^\n]*)\$/g)];
  if (matches.length === 0) return null;
  const last = matches.at(-1)![1];
  return last.includes('=') ? pyLstrip(last.split('=').at(-1)!, ' ') : last;
}

// re.match(r'^[,-?\d]+$', s): the class is the range ',' to '?' (, - . / 0–9 : ; < = > ?) plus digits; Python's $ also matches before a final '\n'.
const NUMERIC_LIST = new RegExp(`^[,-?${PY_DIGIT}]+\\n?$`, 'u');
const NUMBER_AT_END = new RegExp(`(?:\\$)?(?:-)?${PY_DIGIT}+(?:\\.${PY_DIGIT}+)?(?![${PY_WORD_CLASS}])`, 'gu');

/** get_answer_special_case: "a/b" of plain alphanumerics, a number list, the last sqrt(…), or the last […]/(…). */
function answerSpecialCase(raw: string): string | null {
  let s = pyStrip(raw);
  const halves = s.split('/');
  if (halves.length === 2) return halves.some((h) => /[^a-zA-Z0-9]/.test(h)) ? null : s;
  s = s.replaceAll('，', ',');
  if (NUMERIC_LIST.test(s)) return s;
  s = s.replaceAll(' ', '');
  const sqrt = s.match(/sqrt\([^)]*\)/g);
  if (sqrt) return sqrt.at(-1)!;
  const brackets = s.match(/\[[^\n]*?\]|\([^\n]*?\)/g);
  return brackets ? brackets.at(-1)! : null;
}

/** get_answer_without_dollar_sign: right of the last '=' (cut at a literal backslash-n, as DoIT writes it), else the last free-standing number. */
function answerWithoutDollarSign(s: string): string | null {
  if (s.includes('=')) {
    const last = pyRstrip(pyLstrip(s.split('=').at(-1)!, ' '), '.');
    return last.includes('\\n') ? last.split('\\n')[0] : last;
  }
  const numbers = s.match(NUMBER_AT_END);
  return numbers ? pyStrip(numbers.at(-1)!, '$') : null;
}

/**
 * parse_math_tasks: the final answer of a math generation. After "答案" only the text behind its last
 * occurrence counts; then the last `\boxed{}` decides (with no fallback when it is malformed), else
 * `$…$`, else the special cases, else '=' or the last number; 或 becomes ", " and '$' signs go.
 */
export function parseMathAnswer(generation: string): string | null {
  let raw = generation;
  if (raw.includes('答案')) raw = pyStrip(raw.split('答案').at(-1)!);
  const boxed = lastBoxed(raw);
  let answer: string | null;
  if (boxed !== null) {
    answer = removeBoxed(boxed);
  } else {
    answer = answerWithDollarSign(raw);
    if (!answer) answer = answerSpecialCase(raw);
    if (!answer) answer = answerWithoutDollarSign(raw);
  }
  if (answer === null) return null;
  return answer.replaceAll('或', ', ').replaceAll('$', '');
}

/** _fix_fracs: \frac12 → \frac{1}{2}, \frac1{72} → \frac{1}{72}; a \frac with one character after it leaves the string as it was. */
function fixFracs(string: string): string {
  const substrs = string.split('\\frac');
  let out = substrs[0];
  for (const substr of substrs.slice(1)) {
    out += '\\frac';
    if (firstCodePoint(substr) === '{') {
      out += substr;
      continue;
    }
    const chars = Array.from(substr);
    if (chars.length < 2) return string;
    const [a, b] = chars;
    const post = chars.slice(2).join('');
    out += b !== '{' ? `{${a}}{${b}}${post}` : `{${a}}${b}${post}`;
  }
  return out;
}

/** _fix_a_slash_b: "a/b" of integers (Python int(): signs, underscores, any decimal digits) → \frac{a}{b}, "-a/b" → -\frac{a}{b}. */
function fixASlashB(string: string): string {
  const parts = string.split('/');
  if (parts.length !== 2) return string;
  let [a] = parts;
  const aStart = firstCodePoint(a); // outside DoIT's try: "/5" raises
  if (aStart === '-') a = a.slice(1);
  const ai = pyInt(a);
  const bi = pyInt(parts[1]);
  if (ai === null || bi === null) return string;
  if (aStart === '-') return `-\\frac{${ai}}{${bi}}`;
  return string === `${ai}/${bi}` ? `\\frac{${ai}}{${bi}}` : string;
}

/** _remove_right_units: whatever precedes "\text{ " (DoIT asserts it occurs at most once). */
function removeRightUnits(string: string): string {
  if (!string.includes('\\text{ ')) return string;
  const splits = string.split('\\text{ ');
  if (splits.length !== 2) throw new PythonError('AssertionError in _remove_right_units');
  return splits[0];
}

/** _fix_sqrt: \sqrt3 → \sqrt{3}. */
function fixSqrt(string: string): string {
  if (!string.includes('\\sqrt')) return string;
  const splits = string.split('\\sqrt');
  let out = splits[0];
  for (const split of splits.slice(1)) {
    const first = firstCodePoint(split);
    out += first !== '{' ? `\\sqrt{${first}}${split.slice(first.length)}` : `\\sqrt${split}`;
  }
  return out;
}

const NEGATIVE_FRAC = new RegExp(`\\\\frac\\{(-)(${PY_DIGIT}+)\\}\\{(${PY_DIGIT}+)\\}`, 'gu');
const TEXT_CHOICE = /\\text\{\(([A-F])\)/g;

/**
 * _strip_string: DoIT's normalization. Throws PythonError where the Python raises — notably for any
 * string that ends up a plain number or number list ("12", "0.25", "1,2"): DoIT turns it into a set,
 * and the next re.match on that set raises TypeError, so is_equiv falls back to comparing the raw strings.
 */
export function normalizeMathAnswer(input: string): string {
  let s = input
    .replaceAll('\n', '')
    .replaceAll('\\!', '')
    .replaceAll('\\\\', '\\')
    .replaceAll('tfrac', 'frac')
    .replaceAll('dfrac', 'frac')
    .replaceAll('\\left', '')
    .replaceAll('\\right', '')
    .replaceAll('^{\\circ}', '')
    .replaceAll('^\\circ', '')
    .replaceAll('\\$', '');
  s = removeRightUnits(s);
  // DoIT removes "\\%" and then "\%" — the same two characters, so a second pass catches pairs the first one joined.
  s = s.replaceAll('\\%', '').replaceAll('\\%', '').replaceAll(' .', ' 0.').replaceAll('{.', '{0.');
  if (s.length === 0) return s;
  if (s.startsWith('.')) s = `0${s}`;
  const sides = s.split('=');
  if (sides.length === 2 && pyLen(sides[0]) <= 2) s = sides[1];
  s = fixSqrt(s);
  s = s.replaceAll(' ', '');
  s = fixFracs(s);
  if (s === '0.5') s = '\\frac{1}{2}';
  s = fixASlashB(s);
  if (NUMERIC_LIST.test(s)) throw new PythonError('TypeError: re.match on the set of numbers _strip_string built');
  if (s.includes('\\frac{')) s = s.replace(NEGATIVE_FRAC, '-\\frac{$2}{$3}');
  if (s.startsWith('\\text{(')) {
    const choices = [...s.matchAll(TEXT_CHOICE)];
    if (choices.length > 0 && choices[0].index === 0) s = choices.at(-1)![1];
  }
  return s;
}

/** is_equiv: equal after normalization; when normalization raises (see normalizeMathAnswer), equal as raw strings. */
export function isMathEquiv(prediction: string | null, gold: string | null): boolean {
  if (prediction === null && gold === null) return true;
  if (prediction === null || gold === null) return false;
  try {
    return normalizeMathAnswer(prediction) === normalizeMathAnswer(gold);
  } catch (error) {
    if (error instanceof PythonError) return prediction === gold;
    throw error;
  }
}
