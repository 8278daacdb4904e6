// Text primitives the IFEval checkers share, mirroring the reference's Python behaviour
// (google-research instruction_following_eval/instructions_util.py and the Python str/re semantics it relies on).
import { detect } from 'tinyld';

/**
 * Python's `\w` on a str pattern is Unicode-aware (letters, numbers, underscore); JavaScript's `\w` is ASCII only even
 * with the `u` flag, so every reference pattern that uses `\w` or `\b` is written with this class instead.
 * (Python's `\w` also leaves out combining marks, as this class does.)
 */
export const PY_WORD_CHAR = String.raw`[\p{L}\p{N}_]`;
/** Python's `\b`: a position where word-ness changes. */
export const PY_WORD_BOUNDARY = String.raw`(?:(?<=${PY_WORD_CHAR})(?!${PY_WORD_CHAR})|(?<!${PY_WORD_CHAR})(?=${PY_WORD_CHAR}))`;

// Python's str.isspace() set (str.strip() with no argument strips these); JavaScript's trim() differs in \x1c-\x1f,
// \x85 (Python strips them) and \ufeff (JavaScript strips it).
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_SPACE = new RegExp(`^[${PY_SPACE}]+`, 'u');
const TRAILING_SPACE = new RegExp(`[${PY_SPACE}]+$`, 'u');

/** Python `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEADING_SPACE, '').replace(TRAILING_SPACE, '');
}

/** Python `s.split()` (no argument): runs of whitespace, no empty pieces. */
export function pySplitWhitespace(s: string): string[] {
  return pyStrip(s)
    .split(new RegExp(`[${PY_SPACE}]+`, 'u'))
    .filter((w) => w !== '');
}

/** Python `s.isupper()`: at least one cased character and no lowercase or titlecase one. */
export function pyIsUpper(s: string): boolean {
  return !/[\p{Lowercase}\p{Lt}]/u.test(s) && /\p{Uppercase}/u.test(s);
}

/** Python `s.islower()`: at least one cased character and no uppercase or titlecase one. */
export function pyIsLower(s: string): boolean {
  return !/[\p{Uppercase}\p{Lt}]/u.test(s) && /\p{Lowercase}/u.test(s);
}

/**
 * reference: instructions_util.count_words — nltk RegexpTokenizer(r"\w+"), i.e. runs of Unicode word characters.
 * Chinese and Japanese text has no spaces, so (as in the reference) a run of CJK characters between punctuation or
 * spaces counts as ONE word: "你好，世界。" is 2 words. We do the same rather than segmenting CJK.
 */
export function countWords(text: string): number {
  return text.match(new RegExp(`${PY_WORD_CHAR}+`, 'gu'))?.length ?? 0;
}

// ---------------------------------------------------------------------------------------------------------------
// Sentences. The reference counts sentences with nltk's pre-trained punkt model for English
// (instructions_util.count_sentences → nltk.data.load("tokenizers/punkt/english.pickle").tokenize). No JavaScript
// package reproduces punkt with that model, and its learned tables cannot be downloaded at run time, so this is a
// rule-based port of punkt's decision procedure (nltk/tokenize/punkt.py: candidate breaks at . ? ! followed by white
// space; first pass "period after a non-abbreviation is a break"; second pass for abbreviations, initials, ellipses
// and numbers decided by the case of the next word), with short hand-written lists standing in for the learned
// abbreviation and sentence-starter tables. Where they can differ from the reference: abbreviations punkt learned
// from its corpus that are not listed below (e.g. "Calif.") count as breaks here; punkt's orthographic statistics
// for rare capitalised words after an abbreviation or initial are approximated by the starter list.
// What punkt does and this does too: a newline is not a sentence break by itself ("a list\nwithout periods" is one
// sentence); "1. Item" splits after "1." when the next word is capitalised; closing quotes and brackets after the
// stop stay with their sentence; text without any stop is one sentence; empty text has none. CJK full stops
// (。！？) are not sentence ends for the English punkt model, nor here.

/** Common English abbreviations (lower case, without the final period), as in punkt's learned abbrev_types. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'inc', 'ltd', 'co', 'corp', 'vs', 'e.g', 'i.e', 'u.s', 'u.k',
  'a.m', 'p.m', 'jan', 'feb', 'aug', 'sept', 'oct', 'nov', 'dec', 'gen', 'gov', 'sen', 'rep', 'rev', 'lt', 'col',
  'capt', 'sgt', 'mt', 'ft', 'vol', 'no', 'fig', 'approx', 'etc', 'dept', 'est', 'ph.d', 'n.y', 'd.c',
]);
/** Words that start sentences, standing in for punkt's sent_starters and orthographic context. */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'and', 'however', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'as', 'so', 'then', 'my', 'our', 'his', 'her',
  'their', 'its', 'what', 'how', 'why', 'where', 'who', 'after', 'before', 'also', 'yes', 'no', 'since', 'although',
  'because', 'many', 'most', 'some', 'all', 'each', 'one', 'to', 'with', 'by', 'from', 'here', 'now', 'today',
]);
const CLOSERS = /["'”’)\]}*]+$/u;
const OPENERS = /^["'“‘([{*]+/u;
const NUMBER = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;

function isBreakAfter(token: string, next: string): boolean {
  const core = token.replace(CLOSERS, '');
  if (/[?!]$/u.test(core)) return true;
  if (!core.endsWith('.')) return false;
  const nextWord = next.replace(OPENERS, '');
  const nextUpper = /^\p{Lu}/u.test(nextWord);
  const nextLower = /^\p{Ll}/u.test(nextWord);
  const nextStarter = nextUpper && SENTENCE_STARTERS.has(nextWord.replace(/[^\p{L}'].*$/u, '').toLowerCase());
  if (/\.\.+$/u.test(core)) return nextStarter; // an ellipsis ends a sentence only before a sentence starter
  const word = core.slice(0, -1).replace(OPENERS, '');
  const lower = word.toLowerCase();
  if (ABBREVIATIONS.has(lower) || ABBREVIATIONS.has(lower.split('-').at(-1) ?? '')) return nextStarter;
  if (/^\p{L}$/u.test(word)) return nextStarter; // an initial ("J. Smith") unless a common starter follows
  if (NUMBER.test(word)) return !nextLower; // "in 1999. The" breaks, "in 1999. and" does not
  return true;
}

/** The sentences of `text`, punkt-style (see the comment above). */
export function splitSentences(text: string): string[] {
  const tokens = text.match(/\S+/gu) ?? [];
  const sentences: string[] = [];
  let current: string[] = [];
  tokens.forEach((token, i) => {
    current.push(token);
    if (i + 1 < tokens.length && isBreakAfter(token, tokens[i + 1])) {
      sentences.push(current.join(' '));
      current = [];
    }
  });
  if (current.length) sentences.push(current.join(' '));
  return sentences;
}

/** reference: instructions_util.count_sentences (nltk punkt, English). */
export function countSentences(text: string): number {
  return splitSentences(text).length;
}

// ---------------------------------------------------------------------------------------------------------------
// Words for capital-word counting. The reference uses nltk.word_tokenize (punkt sentences, then the improved
// Treebank tokenizer). What matters for counting all-capital words is where tokens split: punctuation is split off,
// clitics are split ("DON'T" → "DO" "N'T", "IT'S" → "IT" "'S"), hyphenated words and abbreviations with inner
// periods ("WELL-KNOWN", "U.S.") stay whole, a comma splits unless a digit follows ("1,000" stays whole).

const CLITIC = /^(.+?)((?:n't|'s|'re|'ve|'ll|'d|'m))$/iu;

/** reference: nltk.word_tokenize, as far as the capital-word count can tell (see above). */
export function wordTokenize(text: string): string[] {
  // Like nltk: sentences first, and only a sentence's final period is split off its word ("U.S." stays whole inside).
  return splitSentences(text).flatMap((sentence) => {
    const chunks = sentence.match(/\S+/gu) ?? [];
    return chunks.flatMap((chunk, i) => {
      const pieces = chunk
        .replace(/--|\.\.\.|[;@#$%&?!\[\](){}<>"“”]|,(?!\p{Nd})|:(?!\p{Nd})/gu, ' $& ')
        .replace(/^'|'$/gu, " ' ")
        .replace(i === chunks.length - 1 ? /\.(?=[\s"')\]}]*$)/u : /$^/u, ' . ')
        .split(/\s+/u)
        .filter((p) => p !== '');
      return pieces.flatMap((p) => {
        const m = CLITIC.exec(p);
        return m ? [m[1], m[2]] : [p];
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Language. The reference uses the Python package langdetect (a port of Shuyo's language-detection, 55 languages,
// randomised unless seeded); this uses tinyld (pure JavaScript, offline, deterministic). Where they can differ:
// short or mixed-language texts may be classified differently; langdetect names Chinese "zh-cn" or "zh-tw", tinyld
// "zh" (so we compare zh-cn/zh-tw expectations against "zh"); when langdetect finds no features it raises and the
// reference counts the instruction as followed — we do the same when tinyld returns no language ("").

/** The detected ISO 639-1 code, or null where no language can be detected (the reference's LangDetectException). */
export function detectLanguage(text: string): string | null {
  const code = detect(text);
  return code === '' ? null : code;
}

/** Whether `text` is in `language` (ISO 639-1, as the IFEval kwargs give it). */
export function isLanguage(text: string, language: string): boolean | null {
  const found = detectLanguage(text);
  if (found === null) return null;
  const want = language.toLowerCase();
  return found === want || (found === 'zh' && (want === 'zh-cn' || want === 'zh-tw'));
}
