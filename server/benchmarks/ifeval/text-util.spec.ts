import { describe, expect, it } from 'vitest';
import { countSentences, countWords, isLanguage, pyIsLower, pyIsUpper, pyStrip, splitSentences, wordTokenize } from './text-util';

// Issue 15 item 7: the counting rules the IFEval checkers share, as the reference's instructions_util.py and
// Python's str/re semantics define them.

describe('countWords (reference: instructions_util.count_words, nltk RegexpTokenizer(r"\\w+"))', () => {
  it.each([
    ['one two three', 3],
    ["don't stop", 3], // \w+ splits at the apostrophe
    ['state-of-the-art 2024', 5],
    ['naïve café résumé', 3], // Unicode letters are word characters in Python 3
    ['你好，世界。', 2], // a run of CJK characters is one \w+ token: the reference does not segment Chinese
    ['我们去公园散步吧', 1],
    ['snake_case x', 2], // "_" is a word character
    ['', 0],
    ['... !!! ---', 0],
  ])('%j has %i words', (text, n) => {
    expect(countWords(text)).toBe(n);
  });
});

describe('countSentences (reference: instructions_util.count_sentences, nltk punkt English)', () => {
  it.each([
    ['', 0, 'empty text has no sentence'],
    ['Hello world', 1, 'text without a stop is one sentence'],
    ['It rained. It poured.', 2, 'a period before a new word'],
    ['Really?! Yes.', 2, '? and ! end sentences'],
    ['Mr. Smith went home. He slept.', 2, 'a known abbreviation before a name does not'],
    ['We met at the U.S. The embassy was closed.', 2, 'an abbreviation before a common sentence starter does'],
    ['J. Smith arrived.', 1, 'an initial before a name does not'],
    ['See e.g. this one.', 1, '"e.g." does not'],
    ['It was built in 1999. and then it fell.', 1, 'a number before a lower-case word does not'],
    ['1. First item.\n2. Second item.', 4, 'punkt splits a list marker "1." off before a capitalised word'],
    ['"Stop." He left.', 2, 'a closing quote stays with its sentence'],
    ['a list\nwithout periods\nat all', 1, 'a newline alone is no break'],
    ['Wait... What now?', 2, 'an ellipsis before a sentence starter ends a sentence'],
    ['春天来了。我们去公园吧！', 1, 'CJK stops are not sentence ends for the English model'],
  ])('%j → %i (%s)', (text, n) => {
    expect(countSentences(text)).toBe(n);
  });

  it('keeps the closing quote with the sentence it closes', () => {
    expect(splitSentences('"Stop." He left.')).toEqual(['"Stop."', 'He left.']);
  });
});

describe('wordTokenize (reference: nltk.word_tokenize, as CapitalWordFrequencyChecker uses it)', () => {
  it('splits punctuation and clitics, keeps hyphenated words and inner abbreviations whole', () => {
    expect(wordTokenize("I DON'T think the U.S. WELL-KNOWN plan works, OK?")).toEqual([
      'I', 'DO', "N'T", 'think', 'the', 'U.S.', 'WELL-KNOWN', 'plan', 'works', ',', 'OK', '?',
    ]);
  });
  it("splits a sentence's final period, and keeps 1,000 whole", () => {
    expect(wordTokenize('It costs 1,000 USD. Done.')).toEqual(['It', 'costs', '1,000', 'USD', '.', 'Done', '.']);
  });
});

describe('Python str semantics', () => {
  it.each([
    ['HELLO 123', true],
    ['123', false], // no cased character
    ['ÀÉÎ', true],
    ['HELLo', false],
    ['你好 OK', true],
    ['你好', false],
    ['ǅ', false], // titlecase is not upper
  ])('isupper(%j) = %s', (s, v) => {
    expect(pyIsUpper(s)).toBe(v);
  });
  it.each([
    ['straße 42', true],
    ['Straße', false],
    ['你好', false],
  ])('islower(%j) = %s', (s, v) => {
    expect(pyIsLower(s)).toBe(v);
  });
  it('strip() removes what Python calls white space (\\x1c–\\x1f, \\x85) and keeps the BOM', () => {
    expect(pyStrip('\x1c\x85 a \u3000')).toBe('a');
    expect(pyStrip('\ufeffa')).toBe('\ufeffa');
  });
});

describe('isLanguage (reference: langdetect.detect in ResponseLanguageChecker; tinyld here)', () => {
  it('recognises English, German and Chinese (zh-cn as langdetect names it)', () => {
    expect(isLanguage('This is a plain English sentence about the weather today.', 'en')).toBe(true);
    expect(isLanguage('Ich bin ein Berliner und ich liebe diese Stadt sehr.', 'de')).toBe(true);
    expect(isLanguage('今天天气很好，我们去公园散步吧。', 'zh-cn')).toBe(true);
    expect(isLanguage('This is a plain English sentence about the weather today.', 'de')).toBe(false);
  });
  it('gives null where no language can be detected (the reference then counts the instruction as followed)', () => {
    expect(isLanguage('12345 !!!', 'en')).toBeNull();
  });
});
