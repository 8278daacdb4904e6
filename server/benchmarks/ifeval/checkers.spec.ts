import { describe, expect, it } from 'vitest';
import { CHECKERS, INSTRUCTION_IDS } from './checkers';
import { checkResponse } from './evaluate';
import { parseIfevalPrompt, type IfevalPrompt } from './prompts';

// Issue 15 item 7: every verifiable instruction of IFEval, checked on hand-written responses — one that passes, one
// that fails, and one where the loose rules of evaluation_lib.test_instruction_following_loose matter (first or last
// line removed, "*" removed). Each case names the reference class of google-research instruction_following_eval/
// instructions.py it follows.

/** A one-instruction prompt, built through the parser so that the kwargs are the ones a prompt file would carry. */
function promptWith(id: string, kwargs: Record<string, unknown>): IfevalPrompt {
  return parseIfevalPrompt({ key: 1, prompt: 'Write something.', instruction_id_list: [id], kwargs: [kwargs] }, 'test');
}

interface Case {
  id: string;
  kwargs?: Record<string, unknown>;
  /** What the case shows. */
  what: string;
  response: string;
  strict: boolean;
  loose: boolean;
}

const SIX_STARS = '******';

const CASES: Case[] = [
  // keywords:existence — KeywordChecker: re.search(keyword, response, IGNORECASE), no word boundaries
  { id: 'keywords:existence', kwargs: { keywords: ['sunflower', 'Bee'] }, what: 'passes with every keyword, any case', response: 'A bee sat on the SUNFLOWER.', strict: true, loose: true },
  { id: 'keywords:existence', kwargs: { keywords: ['sunflower', 'bee'] }, what: 'fails when one keyword is missing', response: 'A bee sat on the rose.', strict: false, loose: false },
  { id: 'keywords:existence', kwargs: { keywords: ['sunflower', 'bee'] }, what: 'loose only: markdown bold splits the keyword, and loose removes "*"', response: 'A bee sat on the **sun**flower.', strict: false, loose: true },
  { id: 'keywords:existence', kwargs: { keywords: ['cat'] }, what: 'a keyword inside a longer word counts (no word boundaries in the reference)', response: 'A category of things.', strict: true, loose: true },
  // keywords:frequency — KeywordFrequencyChecker
  { id: 'keywords:frequency', kwargs: { keyword: 'dog', frequency: 3, relation: 'at least' }, what: 'passes at least 3 (counts inside words, case-insensitive)', response: 'Dog, dog and hotdogs.', strict: true, loose: true },
  { id: 'keywords:frequency', kwargs: { keyword: 'dog', frequency: 3, relation: 'at least' }, what: 'fails with 2 of at least 3', response: 'Dog and dog.', strict: false, loose: false },
  { id: 'keywords:frequency', kwargs: { keyword: 'dog', frequency: 2, relation: 'less than' }, what: 'loose only: the first line repeats the keyword', response: 'Sure, an essay about dogs:\nMy dog is kind.', strict: false, loose: true },
  // keywords:forbidden_words — ForbiddenWords: \b word \b, case-insensitive
  { id: 'keywords:forbidden_words', kwargs: { forbidden_words: ['love'] }, what: 'passes when the word only occurs inside another word', response: 'Lovely weather and a glove.', strict: true, loose: true },
  { id: 'keywords:forbidden_words', kwargs: { forbidden_words: ['love', 'heart'] }, what: 'fails on a whole forbidden word in any case', response: 'My HEART sings.', strict: false, loose: false },
  { id: 'keywords:forbidden_words', kwargs: { forbidden_words: ['love'] }, what: 'loose only: the first line names the forbidden word', response: 'Here is a poem without the word love:\nRoses bloom in May.', strict: false, loose: true },
  // keywords:letter_frequency — LetterFrequencyChecker: Counter(response.lower())[letter]
  { id: 'keywords:letter_frequency', kwargs: { letter: 'Z', let_frequency: 3, let_relation: 'at least' }, what: 'passes with 3 of the letter in any case', response: 'Zebras zigzag lazily.', strict: true, loose: true },
  { id: 'keywords:letter_frequency', kwargs: { letter: 'z', let_frequency: 3, let_relation: 'at least' }, what: 'fails with 2', response: 'Zebras graze.', strict: false, loose: false },
  { id: 'keywords:letter_frequency', kwargs: { letter: 'e', let_frequency: 3, let_relation: 'less than' }, what: 'loose only: the first line holds the extra letters', response: 'Here we go:\nA cat.', strict: false, loose: true },
  // language:response_language — ResponseLanguageChecker (langdetect in the reference, tinyld here)
  { id: 'language:response_language', kwargs: { language: 'de' }, what: 'passes on German', response: 'Ich bin ein Berliner und ich liebe diese Stadt sehr, weil sie schön ist.', strict: true, loose: true },
  { id: 'language:response_language', kwargs: { language: 'de' }, what: 'fails on English', response: 'I am a Berliner and I love this city very much because it is beautiful.', strict: false, loose: false },
  {
    id: 'language:response_language',
    kwargs: { language: 'de' },
    what: 'loose only: a long English first line, then German',
    response: 'Here is the answer you asked for, written in German as requested by you today:\nIch bin ein Berliner und ich liebe diese Stadt.',
    strict: false,
    loose: true,
  },
  // length_constraints:number_sentences — NumberOfSentences (punkt in the reference)
  { id: 'length_constraints:number_sentences', kwargs: { num_sentences: 3, relation: 'less than' }, what: 'passes with 2 sentences, "Dr." not ending one', response: 'Dr. Smith came home. He slept.', strict: true, loose: true },
  { id: 'length_constraints:number_sentences', kwargs: { num_sentences: 3, relation: 'at least' }, what: 'fails with 2 sentences of at least 3', response: 'It rained! Was it cold?', strict: false, loose: false },
  { id: 'length_constraints:number_sentences', kwargs: { num_sentences: 3, relation: 'less than' }, what: 'loose only: the first line adds a sentence', response: 'Sure, here it is.\nIt rained. It poured.', strict: false, loose: true },
  // length_constraints:number_paragraphs — ParagraphChecker: split on *** (markdown divider)
  { id: 'length_constraints:number_paragraphs', kwargs: { num_paragraphs: 2 }, what: 'passes with 2 paragraphs split by ***', response: 'First part.\n***\nSecond part.', strict: true, loose: true },
  { id: 'length_constraints:number_paragraphs', kwargs: { num_paragraphs: 2 }, what: 'fails on an empty paragraph between two dividers', response: 'First.\n***\n***\nSecond.', strict: false, loose: false },
  { id: 'length_constraints:number_paragraphs', kwargs: { num_paragraphs: 2 }, what: 'loose only: an introduction before the first divider', response: 'Here are the paragraphs:\n***\nFirst part.\n***\nSecond part.', strict: false, loose: true },
  // length_constraints:number_words — NumberOfWords: \w+ tokens
  { id: 'length_constraints:number_words', kwargs: { num_words: 5, relation: 'at least' }, what: "passes with 5 words (\"don't\" is two \\w+ runs)", response: "I don't like it.", strict: true, loose: true },
  { id: 'length_constraints:number_words', kwargs: { num_words: 5, relation: 'less than' }, what: 'fails with 5 of less than 5', response: 'one two three four five', strict: false, loose: false },
  { id: 'length_constraints:number_words', kwargs: { num_words: 4, relation: 'less than' }, what: 'loose only: the first line is extra words', response: 'Sure, here you go:\nShort answer.', strict: false, loose: true },
  // length_constraints:nth_paragraph_first_word — ParagraphFirstWordCheck: paragraphs split on \n\n
  { id: 'length_constraints:nth_paragraph_first_word', kwargs: { num_paragraphs: 2, nth_paragraph: 2, first_word: 'Apples' }, what: 'passes: paragraph 2 starts with the word (quotes and punctuation dropped)', response: 'Bananas are yellow.\n\n"Apples," she said, "are red."', strict: true, loose: true },
  { id: 'length_constraints:nth_paragraph_first_word', kwargs: { num_paragraphs: 2, nth_paragraph: 2, first_word: 'apples' }, what: 'fails when paragraph 2 starts with another word', response: 'Bananas.\n\nPears are green.', strict: false, loose: false },
  { id: 'length_constraints:nth_paragraph_first_word', kwargs: { num_paragraphs: 2, nth_paragraph: 2, first_word: 'apples' }, what: 'loose only: a third paragraph of one line, dropped with the last line', response: 'Bananas.\n\nApples.\n\nCherries.', strict: false, loose: true },
  { id: 'length_constraints:nth_paragraph_first_word', kwargs: { num_paragraphs: 2, nth_paragraph: 1, first_word: 'bananas' }, what: 'loose only: an introduction line before paragraph 1', response: 'Here is my answer:\nBananas are yellow.\n\nApples are red.', strict: false, loose: true },
  // detectable_content:number_placeholders — PlaceholderChecker: \[.*?\]
  { id: 'detectable_content:number_placeholders', kwargs: { num_placeholders: 2 }, what: 'passes with 2 placeholders', response: 'Dear [name], see you at [address].', strict: true, loose: true },
  { id: 'detectable_content:number_placeholders', kwargs: { num_placeholders: 2 }, what: 'fails with 1', response: 'Dear [name], see you.', strict: false, loose: false },
  { id: 'detectable_content:number_placeholders', kwargs: { num_placeholders: 1 }, what: 'loose cannot rescue: no variant adds a placeholder (a bracket pair never spans lines)', response: 'Dear [name\n], see you.', strict: false, loose: false },
  // detectable_content:postscript — PostscriptChecker
  { id: 'detectable_content:postscript', kwargs: { postscript_marker: 'P.S.' }, what: 'passes with "p.s." in any case, a space allowed after the first period', response: 'Bye.\np. s. bring cake', strict: true, loose: true },
  { id: 'detectable_content:postscript', kwargs: { postscript_marker: 'P.P.S' }, what: 'fails with P.S. where P.P.S is asked', response: 'Bye.\nP.S. bring cake', strict: false, loose: false },
  { id: 'detectable_content:postscript', kwargs: { postscript_marker: 'P.S.' }, what: 'loose only: bold inside the marker, removed by the loose "*" rule', response: 'Bye.\nP.**S.** bring cake', strict: false, loose: true },
  // detectable_format:number_bullet_lists — BulletListChecker: lines "* x" or "- x", exactly n
  { id: 'detectable_format:number_bullet_lists', kwargs: { num_bullets: 2 }, what: 'passes with exactly 2 bullets of either kind', response: 'Points:\n* one\n- two', strict: true, loose: true },
  { id: 'detectable_format:number_bullet_lists', kwargs: { num_bullets: 2 }, what: 'fails with 3 bullets ("**bold**" lines are not bullets), with or without the first and last lines', response: '**Points**\n* one\n* two\n* three\nDone.', strict: false, loose: false },
  { id: 'detectable_format:number_bullet_lists', kwargs: { num_bullets: 2 }, what: 'loose only: a closing line that is a third bullet', response: '* one\n* two\n- Hope this helps!', strict: false, loose: true },
  // detectable_format:constrained_response — ConstrainedResponseChecker
  { id: 'detectable_format:constrained_response', what: 'passes when an option is contained', response: 'My answer is no. It is too late.', strict: true, loose: true },
  { id: 'detectable_format:constrained_response', what: 'fails without an exact option', response: 'My answer is nope.', strict: false, loose: false },
  { id: 'detectable_format:constrained_response', what: 'loose only: the option in bold', response: 'My answer is **yes**.', strict: false, loose: true },
  // detectable_format:number_highlighted_sections — HighlightSectionChecker
  { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 2 }, what: 'passes with 2 *highlighted* spans', response: 'The *first* and the *second*.', strict: true, loose: true },
  { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 2 }, what: 'fails with one span and an empty one', response: 'The *first* and ** nothing.', strict: false, loose: false },
  { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 1 }, what: 'a **bold** span counts once, through the **…** rule of the current reference (its *…* matches are the empty "**")', response: 'Only **this** one.', strict: true, loose: true },
  { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 2 }, what: 'a **bold** span does not count twice', response: 'Only **this** one.', strict: false, loose: false },
  { id: 'detectable_format:number_highlighted_sections', kwargs: { num_highlights: 1 }, what: 'loose cannot rescue: removing lines or "*" never adds a highlight', response: 'No highlight *here\n* at all.', strict: false, loose: false },
  // detectable_format:multiple_sections — SectionChecker: split on "\s?SPLITER\s?\d+\s?"
  { id: 'detectable_format:multiple_sections', kwargs: { section_spliter: 'SECTION', num_sections: 2 }, what: 'passes with SECTION 1 and SECTION 2', response: 'SECTION 1\nIntro.\nSECTION 2\nBody.', strict: true, loose: true },
  { id: 'detectable_format:multiple_sections', kwargs: { section_spliter: 'Section', num_sections: 2 }, what: 'fails: the splitter is case-sensitive', response: 'SECTION 1\nIntro.\nSECTION 2\nBody.', strict: false, loose: false },
  { id: 'detectable_format:multiple_sections', kwargs: { section_spliter: 'PARAGRAPH', num_sections: 2 }, what: 'loose only: bold numbers, removed by the loose "*" rule', response: 'PARAGRAPH **1**\nIntro.\nPARAGRAPH **2**\nBody.', strict: false, loose: true },
  // detectable_format:json_format — JsonFormat: code fences removed, then json.loads
  { id: 'detectable_format:json_format', what: 'passes as fenced JSON', response: '```json\n{"a": [1, 2]}\n```', strict: true, loose: true },
  { id: 'detectable_format:json_format', what: 'fails on a trailing comma', response: '{"a": 1,}', strict: false, loose: false },
  { id: 'detectable_format:json_format', what: 'loose only: "Sure, here it is:" before the JSON', response: 'Sure, here it is:\n{"a": 1}', strict: false, loose: true },
  // detectable_format:title — TitleChecker: <<non-empty>> on one line
  { id: 'detectable_format:title', what: 'passes with <<title>>', response: '<<Poem of Joy>>\nLa la la.', strict: true, loose: true },
  { id: 'detectable_format:title', what: 'fails with an empty title', response: '<<  >>\nLa la la.', strict: false, loose: false },
  { id: 'detectable_format:title', what: 'loose cannot rescue: a title may not span lines, and no variant joins lines', response: '<<Poem\nof Joy>>', strict: false, loose: false },
  // combination:two_responses — TwoResponsesChecker: split on ******
  { id: 'combination:two_responses', what: 'passes with two different answers', response: `Answer one.\n${SIX_STARS}\nAnswer two.`, strict: true, loose: true },
  { id: 'combination:two_responses', what: 'fails with the same answer twice', response: `Same.\n${SIX_STARS}\nSame.`, strict: false, loose: false },
  { id: 'combination:two_responses', what: 'loose only: a closing line after a third divider', response: `Answer one.\n${SIX_STARS}\nAnswer two.\n${SIX_STARS}\nThat is all.`, strict: false, loose: true },
  // combination:repeat_prompt — RepeatPromptThenAnswer: starts with the prompt, case-insensitive
  { id: 'combination:repeat_prompt', kwargs: { prompt_to_repeat: 'Write a poem about cats.' }, what: 'passes when the response starts with the prompt', response: '  write a poem about CATS.\nCats are soft.', strict: true, loose: true },
  { id: 'combination:repeat_prompt', kwargs: { prompt_to_repeat: 'Write a poem about cats.' }, what: 'fails when the prompt is changed', response: 'Write a poem about dogs.\nDogs bark.', strict: false, loose: false },
  { id: 'combination:repeat_prompt', kwargs: { prompt_to_repeat: 'Write a poem about cats.' }, what: 'loose only: an introduction line before the repetition', response: "Sure, I'll repeat the request first:\nWrite a poem about cats.\nCats are soft.", strict: false, loose: true },
  // startend:end_checker — EndChecker: ends with the phrase after stripping spaces and quotes
  { id: 'startend:end_checker', kwargs: { end_phrase: 'Any other questions?' }, what: 'passes inside closing quotes, any case', response: '"That is it. any other questions?"', strict: true, loose: true },
  { id: 'startend:end_checker', kwargs: { end_phrase: 'Any other questions?' }, what: 'fails with words after the phrase', response: 'Any other questions? Bye.', strict: false, loose: false },
  { id: 'startend:end_checker', kwargs: { end_phrase: 'Any other questions?' }, what: 'loose only: the phrase in bold', response: 'That is it. **Any other questions?**', strict: false, loose: true },
  // change_case:capital_word_frequency — CapitalWordFrequencyChecker: nltk word tokens that are isupper()
  { id: 'change_case:capital_word_frequency', kwargs: { capital_frequency: 3, capital_relation: 'at least' }, what: 'passes with NASA, U.S. and "I"', response: 'I think NASA leads the U.S. effort.', strict: true, loose: true },
  { id: 'change_case:capital_word_frequency', kwargs: { capital_frequency: 2, capital_relation: 'less than' }, what: 'fails: "DON\'T" is two capital tokens (DO, N\'T)', response: "DON'T go.", strict: false, loose: false },
  { id: 'change_case:capital_word_frequency', kwargs: { capital_frequency: 2, capital_relation: 'less than' }, what: 'loose only: a shouted first line', response: 'OK HERE IT IS\nThe answer is NASA.', strict: false, loose: true },
  // change_case:english_capital — CapitalLettersEnglishChecker: isupper() and English
  { id: 'change_case:english_capital', what: 'passes in English capitals', response: 'THIS IS ALL CAPS ENGLISH TEXT ABOUT THE WEATHER.', strict: true, loose: true },
  { id: 'change_case:english_capital', what: 'fails with one lower-case letter', response: 'THIS IS ALL CAPS ENGLISH TEXt ABOUT THE WEATHER.', strict: false, loose: false },
  { id: 'change_case:english_capital', what: 'loose only: "Sure, here it is:" first', response: 'Sure, here it is:\nTHIS IS ALL CAPS ENGLISH TEXT ABOUT THE WEATHER.', strict: false, loose: true },
  // change_case:english_lowercase — LowercaseLettersEnglishChecker: islower() and English
  { id: 'change_case:english_lowercase', what: 'passes in English lower case', response: 'this is all lowercase english text about the weather.', strict: true, loose: true },
  { id: 'change_case:english_lowercase', what: 'fails with a capital', response: 'this is all lowercase English text about the weather.', strict: false, loose: false },
  { id: 'change_case:english_lowercase', what: 'loose only: a capitalised first line', response: 'Sure! Here it is:\nthis is all lowercase english text about the weather.', strict: false, loose: true },
  // punctuation:no_comma — CommaChecker
  { id: 'punctuation:no_comma', what: 'passes without an ASCII comma', response: 'No commas here; none at all.', strict: true, loose: true },
  { id: 'punctuation:no_comma', what: 'fails with a comma', response: 'One, two.', strict: false, loose: false },
  { id: 'punctuation:no_comma', what: 'loose only: the comma is in the first line', response: 'Sure, here it is:\nNo commas below.', strict: false, loose: true },
  // startend:quotation — QuotationChecker
  { id: 'startend:quotation', what: 'passes wrapped in double quotes', response: '  "Quoted answer."  ', strict: true, loose: true },
  { id: 'startend:quotation', what: 'fails with one quote character alone', response: '"', strict: false, loose: false },
  { id: 'startend:quotation', what: 'loose only: an introduction line before the quoted answer', response: 'Here is my answer:\n"Quoted answer."', strict: false, loose: true },
];

describe('IFEval checkers (issue 15 item 7)', () => {
  it('implements exactly the 25 ids of the reference instructions_registry.py', () => {
    expect(INSTRUCTION_IDS).toHaveLength(25);
    expect(new Set(INSTRUCTION_IDS).size).toBe(25);
  });

  it('has a passing, a failing and a loose case for every instruction id', () => {
    for (const id of INSTRUCTION_IDS) {
      const cases = CASES.filter((c) => c.id === id);
      expect(cases.some((c) => c.strict), `${id}: a passing case`).toBe(true);
      expect(cases.some((c) => !c.strict && !c.loose), `${id}: a failing case`).toBe(true);
      expect(cases.some((c) => c.what.startsWith('loose')), `${id}: a loose case`).toBe(true);
    }
  });

  it.each(CASES.map((c) => [`${c.id} (reference ${CHECKERS[c.id].reference}): ${c.what}`, c] as const))('%s', (_name, c) => {
    const result = checkResponse(promptWith(c.id, c.kwargs ?? {}), c.response);
    expect(result).toEqual({ strict: [c.strict], loose: [c.loose] });
  });

  it('an empty or blank response follows nothing, not even "no comma" (evaluation_lib: response.strip() first)', () => {
    for (const response of ['', '  \n ']) expect(checkResponse(promptWith('punctuation:no_comma', {}), response)).toEqual({ strict: [false], loose: [false] });
  });
});

describe('IFEval checkers on Chinese responses (issue 15 item 7: CJK must not crash any checker)', () => {
  const zh = '标题：<<春天>>\n\n春天来了，花开了。我们去公园散步吧！\n\n*第一*，天气很好；*第二*，空气清新。\nP.S. 记得带伞。';
  const kwargs: Record<string, Record<string, unknown>> = {
    'keywords:existence': { keywords: ['春天'] },
    'keywords:frequency': { keyword: '春天', frequency: 2, relation: 'at least' },
    'keywords:forbidden_words': { forbidden_words: ['夏天'] },
    'keywords:letter_frequency': { letter: '花', let_frequency: 1, let_relation: 'at least' },
    'language:response_language': { language: 'zh-cn' },
    'length_constraints:number_sentences': { num_sentences: 3, relation: 'at least' },
    'length_constraints:number_paragraphs': { num_paragraphs: 1 },
    'length_constraints:number_words': { num_words: 10, relation: 'less than' },
    'length_constraints:nth_paragraph_first_word': { num_paragraphs: 3, nth_paragraph: 2, first_word: '春天来了' },
    'detectable_content:number_placeholders': { num_placeholders: 1 },
    'detectable_content:postscript': { postscript_marker: 'P.S.' },
    'detectable_format:number_bullet_lists': { num_bullets: 0 },
    'detectable_format:number_highlighted_sections': { num_highlights: 2 },
    'detectable_format:multiple_sections': { section_spliter: '第', num_sections: 1 },
    'combination:repeat_prompt': { prompt_to_repeat: '标题' },
    'startend:end_checker': { end_phrase: '记得带伞。' },
    'change_case:capital_word_frequency': { capital_frequency: 1, capital_relation: 'at least' },
  };
  // What the reference gives on this text, rule by rule (see each checker): \w+ runs make "春天来了" one word and
  // the text has 12 such runs (标题 春天 春天来了 花开了 我们去公园散步吧 第一 天气很好 第二 空气清新 P S 记得带伞);
  // punkt (English) does not end sentences at 。or ！, only after "P.S.", so there are 2 sentences; "，" is not an
  // ASCII comma; CJK characters have no case, so "P.S." is the only capital word and the text is isupper() (the
  // language test then fails it).
  const expected: Record<string, boolean> = {
    'keywords:existence': true,
    'keywords:frequency': true, // 春天 twice
    'keywords:forbidden_words': true,
    'keywords:letter_frequency': true,
    'language:response_language': true,
    'length_constraints:number_sentences': false, // 2 sentences
    'length_constraints:number_paragraphs': true,
    'length_constraints:number_words': false, // 12 words
    'length_constraints:nth_paragraph_first_word': false, // "，" is not in the reference's punctuation set: the first word is the whole paragraph
    'detectable_content:number_placeholders': false,
    'detectable_content:postscript': true,
    'detectable_format:number_bullet_lists': false, // the line "*第一*，…" is a bullet to ^\s*\*[^\*].*$
    'detectable_format:constrained_response': false,
    'detectable_format:number_highlighted_sections': true,
    'detectable_format:multiple_sections': false,
    'detectable_format:json_format': false,
    'detectable_format:title': true,
    'combination:two_responses': false,
    'combination:repeat_prompt': true,
    'startend:end_checker': true,
    'change_case:capital_word_frequency': true, // "P.S." is an all-capital token
    'change_case:english_capital': false,
    'change_case:english_lowercase': false,
    'punctuation:no_comma': true,
    'startend:quotation': false,
  };
  it.each(INSTRUCTION_IDS)('%s', (id) => {
    const result = checkResponse(promptWith(id, kwargs[id] ?? {}), zh);
    expect(result.strict).toEqual([expected[id]]);
  });
});
