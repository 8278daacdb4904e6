// The IFEval verifiable-instruction checkers: one per id of the public registry
// (google-research instruction_following_eval/instructions_registry.py INSTRUCTION_DICT, 25 ids), each following the
// reference class's check_following in instructions.py — same kwargs, same relations, same counting rules.
// Where the reference would draw a random argument (a kwarg missing or out of range) we refuse the record instead
// (prompts.ts), so a score never depends on chance.
import {
  PY_WORD_BOUNDARY,
  countSentences,
  countWords,
  isLanguage,
  pyIsLower,
  pyIsUpper,
  pySplitWhitespace,
  pyStrip,
  wordTokenize,
} from './text-util';

/** The reference's _COMPARISON_RELATION. */
export const RELATIONS = ['less than', 'at least'] as const;
export type Relation = (typeof RELATIONS)[number];

/** The type of one kwarg: an integer ≥ 0, a string, a non-empty list of strings, a relation, or a single letter. */
export type ArgKind = 'count' | 'string' | 'strings' | 'relation' | 'letter';
export type ArgValue = number | string | string[];
export type CheckerArgs = Record<string, ArgValue>;

export interface CheckerSpec {
  /** The reference class in instructions.py. */
  reference: string;
  /** kwargs by name, all required (the reference would otherwise pick one at random). */
  args: Record<string, ArgKind>;
  check(response: string, args: CheckerArgs): boolean;
}

const num = (args: CheckerArgs, name: string) => args[name] as number;
const str = (args: CheckerArgs, name: string) => args[name] as string;
const strs = (args: CheckerArgs, name: string) => args[name] as string[];

function compare(actual: number, relation: Relation, threshold: number): boolean {
  return relation === 'less than' ? actual < threshold : actual >= threshold;
}

/** A kwarg the reference uses as a Python regular expression (keywords): compiled case-insensitive, Unicode. */
export function keywordRegExp(pattern: string, flags = 'giu'): RegExp {
  return new RegExp(pattern, flags);
}

/** Language detection counts as followed where no language can be detected (the reference's LangDetectException). */
function inLanguage(text: string, language: string): boolean {
  return isLanguage(text, language) ?? true;
}

const CONSTRAINED_RESPONSE_OPTIONS = ['My answer is yes.', 'My answer is no.', 'My answer is maybe.'];

export const CHECKERS: Record<string, CheckerSpec> = {
  /** reference: instructions.py KeywordChecker */
  'keywords:existence': {
    reference: 'KeywordChecker',
    args: { keywords: 'strings' },
    // Each keyword is searched as a pattern, case-insensitive, anywhere (no word boundaries: "cat" is in "category").
    check: (r, a) => strs(a, 'keywords').every((k) => keywordRegExp(k, 'iu').test(r)),
  },
  /** reference: instructions.py KeywordFrequencyChecker */
  'keywords:frequency': {
    reference: 'KeywordFrequencyChecker',
    args: { keyword: 'string', frequency: 'count', relation: 'relation' },
    // len(re.findall(keyword, value, re.IGNORECASE)): non-overlapping, no word boundaries.
    check: (r, a) => compare(r.match(keywordRegExp(pyStrip(str(a, 'keyword'))))?.length ?? 0, str(a, 'relation') as Relation, num(a, 'frequency')),
  },
  /** reference: instructions.py ForbiddenWords */
  'keywords:forbidden_words': {
    reference: 'ForbiddenWords',
    args: { forbidden_words: 'strings' },
    // re.search(r"\b" + word + r"\b", value, re.IGNORECASE) with Python's Unicode \b.
    check: (r, a) => !strs(a, 'forbidden_words').some((w) => keywordRegExp(PY_WORD_BOUNDARY + w + PY_WORD_BOUNDARY, 'iu').test(r)),
  },
  /** reference: instructions.py LetterFrequencyChecker */
  'keywords:letter_frequency': {
    reference: 'LetterFrequencyChecker',
    args: { letter: 'letter', let_frequency: 'count', let_relation: 'relation' },
    // collections.Counter(value.lower())[letter.lower()]: the letter counted anywhere, case-insensitive.
    check: (r, a) => {
      const letter = pyStrip(str(a, 'letter')).toLowerCase();
      let n = 0;
      for (const ch of r.toLowerCase()) if (ch === letter) n++;
      return compare(n, str(a, 'let_relation') as Relation, num(a, 'let_frequency'));
    },
  },
  /** reference: instructions.py ResponseLanguageChecker */
  'language:response_language': {
    reference: 'ResponseLanguageChecker',
    args: { language: 'string' },
    check: (r, a) => inLanguage(r, str(a, 'language')),
  },
  /** reference: instructions.py NumberOfSentences */
  'length_constraints:number_sentences': {
    reference: 'NumberOfSentences',
    args: { num_sentences: 'count', relation: 'relation' },
    check: (r, a) => compare(countSentences(r), str(a, 'relation') as Relation, num(a, 'num_sentences')),
  },
  /** reference: instructions.py ParagraphChecker */
  'length_constraints:number_paragraphs': {
    reference: 'ParagraphChecker',
    args: { num_paragraphs: 'count' },
    // re.split(r"\s?\*\*\*\s?"): an empty piece is allowed only first or last (a leading/trailing divider).
    check: (r, a) => {
      const paragraphs = r.split(/\s?\*\*\*\s?/u);
      let n = paragraphs.length;
      for (const [i, p] of paragraphs.entries()) {
        if (pyStrip(p)) continue;
        if (i === 0 || i === paragraphs.length - 1) n--;
        else return false;
      }
      return n === num(a, 'num_paragraphs');
    },
  },
  /** reference: instructions.py NumberOfWords */
  'length_constraints:number_words': {
    reference: 'NumberOfWords',
    args: { num_words: 'count', relation: 'relation' },
    check: (r, a) => compare(countWords(r), str(a, 'relation') as Relation, num(a, 'num_words')),
  },
  /** reference: instructions.py ParagraphFirstWordCheck */
  'length_constraints:nth_paragraph_first_word': {
    reference: 'ParagraphFirstWordCheck',
    args: { num_paragraphs: 'count', nth_paragraph: 'count', first_word: 'string' },
    // Paragraphs split on exactly "\n\n"; empty ones are not counted but still take their index.
    check: (r, a) => {
      const paragraphs = r.split('\n\n');
      const count = paragraphs.filter((p) => pyStrip(p) !== '').length;
      const nth = num(a, 'nth_paragraph');
      if (nth > count) return false;
      const paragraph = pyStrip(paragraphs[nth - 1]);
      if (!paragraph) return false;
      const word = pySplitWhitespace(paragraph)[0].replace(/^'+/u, '').replace(/^"+/u, '');
      let first = '';
      for (const ch of word) {
        if ('.,?!\'"'.includes(ch)) break;
        first += ch.toLowerCase();
      }
      return count === num(a, 'num_paragraphs') && first === str(a, 'first_word').toLowerCase();
    },
  },
  /** reference: instructions.py PlaceholderChecker */
  'detectable_content:number_placeholders': {
    reference: 'PlaceholderChecker',
    args: { num_placeholders: 'count' },
    check: (r, a) => (r.match(/\[.*?\]/gu)?.length ?? 0) >= num(a, 'num_placeholders'),
  },
  /** reference: instructions.py PostscriptChecker */
  'detectable_content:postscript': {
    reference: 'PostscriptChecker',
    args: { postscript_marker: 'string' },
    // Lower-cased; "P.P.S" and "P.S." allow a space after each period; any other marker is used as a pattern.
    check: (r, a) => {
      const marker = pyStrip(str(a, 'postscript_marker'));
      const pattern =
        marker === 'P.P.S' ? String.raw`\s*p\.\s?p\.\s?s.*$` : marker === 'P.S.' ? String.raw`\s*p\.\s?s\..*$` : String.raw`\s*` + marker.toLowerCase() + '.*$';
      return new RegExp(pattern, 'mu').test(r.toLowerCase());
    },
  },
  /** reference: instructions.py BulletListChecker */
  'detectable_format:number_bullet_lists': {
    reference: 'BulletListChecker',
    args: { num_bullets: 'count' },
    // Lines starting with "* " (not "**") or "-": exactly num_bullets of them.
    check: (r, a) => (r.match(/^\s*\*[^*].*$/gmu)?.length ?? 0) + (r.match(/^\s*-.*$/gmu)?.length ?? 0) === num(a, 'num_bullets'),
  },
  /** reference: instructions.py ConstrainedResponseChecker */
  'detectable_format:constrained_response': {
    reference: 'ConstrainedResponseChecker',
    args: {},
    check: (r) => CONSTRAINED_RESPONSE_OPTIONS.some((o) => pyStrip(r).includes(o)),
  },
  /** reference: instructions.py HighlightSectionChecker */
  'detectable_format:number_highlighted_sections': {
    reference: 'HighlightSectionChecker',
    args: { num_highlights: 'count' },
    // *x* spans within a line, non-empty; the current reference also counts each **x** span once more (the 2023
    // release counted only *x*; we follow the current google-research code).
    check: (r, a) => {
      const single = (r.match(/\*[^\n*]*\*/gu) ?? []).filter((h) => pyStrip(h.replace(/^\*+|\*+$/gu, '')) !== '');
      const double = (r.match(/\*\*[^\n*]*\*\*/gu) ?? []).filter((h) => pyStrip(h.slice(2, -2)) !== '');
      return single.length + double.length >= num(a, 'num_highlights');
    },
  },
  /** reference: instructions.py SectionChecker */
  'detectable_format:multiple_sections': {
    reference: 'SectionChecker',
    args: { section_spliter: 'string', num_sections: 'count' },
    // re.split(r"\s?" + spliter + r"\s?\d+\s?"): the number of pieces after the first is the number of sections.
    check: (r, a) => r.split(new RegExp(String.raw`\s?` + pyStrip(str(a, 'section_spliter')) + String.raw`\s?\p{Nd}+\s?`, 'u')).length - 1 >= num(a, 'num_sections'),
  },
  /** reference: instructions.py JsonFormat */
  'detectable_format:json_format': {
    reference: 'JsonFormat',
    args: {},
    // Code fences (```json, ```Json, ```JSON, ```) are removed first. json.loads also accepts NaN and Infinity,
    // which JSON.parse refuses: a response using them fails here and passes in the reference.
    check: (r) => {
      let v = pyStrip(r);
      for (const prefix of ['```json', '```Json', '```JSON', '```']) if (v.startsWith(prefix)) v = v.slice(prefix.length);
      if (v.endsWith('```')) v = v.slice(0, -3);
      try {
        JSON.parse(pyStrip(v));
        return true;
      } catch {
        return false;
      }
    },
  },
  /** reference: instructions.py TitleChecker */
  'detectable_format:title': {
    reference: 'TitleChecker',
    args: {},
    check: (r) => (r.match(/<<[^\n]+>>/gu) ?? []).some((t) => pyStrip(t.replace(/^<+/u, '').replace(/>+$/u, '')) !== ''),
  },
  /** reference: instructions.py TwoResponsesChecker */
  'combination:two_responses': {
    reference: 'TwoResponsesChecker',
    args: {},
    // Split on "******"; an empty piece is allowed only first or last; exactly two different answers.
    check: (r) => {
      const pieces = r.split('******');
      const valid: string[] = [];
      for (const [i, p] of pieces.entries()) {
        if (pyStrip(p)) valid.push(p);
        else if (i !== 0 && i !== pieces.length - 1) return false;
      }
      return valid.length === 2 && pyStrip(valid[0]) !== pyStrip(valid[1]);
    },
  },
  /** reference: instructions.py RepeatPromptThenAnswer */
  'combination:repeat_prompt': {
    reference: 'RepeatPromptThenAnswer',
    args: { prompt_to_repeat: 'string' },
    check: (r, a) => pyStrip(r).toLowerCase().startsWith(pyStrip(str(a, 'prompt_to_repeat')).toLowerCase()),
  },
  /** reference: instructions.py EndChecker */
  'startend:end_checker': {
    reference: 'EndChecker',
    args: { end_phrase: 'string' },
    // value.strip().strip('"').lower().endswith(end_phrase.strip().lower())
    check: (r, a) => pyStrip(r).replace(/^"+|"+$/gu, '').toLowerCase().endsWith(pyStrip(str(a, 'end_phrase')).toLowerCase()),
  },
  /** reference: instructions.py CapitalWordFrequencyChecker */
  'change_case:capital_word_frequency': {
    reference: 'CapitalWordFrequencyChecker',
    args: { capital_frequency: 'count', capital_relation: 'relation' },
    // Tokens of nltk.word_tokenize that are str.isupper(): "I" and "A" count; CJK tokens have no case and never do.
    check: (r, a) => compare(wordTokenize(r).filter(pyIsUpper).length, str(a, 'capital_relation') as Relation, num(a, 'capital_frequency')),
  },
  /** reference: instructions.py CapitalLettersEnglishChecker */
  'change_case:english_capital': {
    reference: 'CapitalLettersEnglishChecker',
    args: {},
    check: (r) => pyIsUpper(r) && inLanguage(r, 'en'),
  },
  /** reference: instructions.py LowercaseLettersEnglishChecker */
  'change_case:english_lowercase': {
    reference: 'LowercaseLettersEnglishChecker',
    args: {},
    check: (r) => pyIsLower(r) && inLanguage(r, 'en'),
  },
  /** reference: instructions.py CommaChecker */
  'punctuation:no_comma': {
    reference: 'CommaChecker',
    args: {},
    // Only the ASCII comma, as in the reference: a Chinese "，" is not a comma to it.
    check: (r) => !r.includes(','),
  },
  /** reference: instructions.py QuotationChecker */
  'startend:quotation': {
    reference: 'QuotationChecker',
    args: {},
    check: (r) => {
      const v = pyStrip(r);
      return v.length > 1 && v.startsWith('"') && v.endsWith('"');
    },
  },
};

export const INSTRUCTION_IDS = Object.keys(CHECKERS);
