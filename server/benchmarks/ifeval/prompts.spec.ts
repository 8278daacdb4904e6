import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUCTION_IDS } from './checkers';
import { IfevalPromptError, parseIfevalJsonl, parseIfevalPrompt } from './prompts';

// Issue 15 item 7: IFEval prompt records (key, prompt, instruction_id_list, kwargs), as in the reference's
// data/input_data.jsonl; a malformed record gets an error naming the record and the field, and costs no other record.

const dir = process.env.PACE_SHARED_DATA ?? '';
if (!dir) console.warn('[ifeval] PACE_SHARED_DATA is not set: the shared IFEval sample test did NOT run (set it to the shared data folder).');

describe.skipIf(!dir)('the shared IFEval sample (raw/ifeval/input_data.sample.jsonl)', () => {
  const text = readFileSync(join(dir, 'raw', 'ifeval', 'input_data.sample.jsonl'), 'utf8');
  const { prompts, errors } = parseIfevalJsonl(text, 'input_data.sample.jsonl');

  it('parses every one of its 250 records without an error', () => {
    expect(errors.map((e) => e.message)).toEqual([]);
    expect(prompts).toHaveLength(250);
  });

  it('keeps each record’s instructions and kwargs aligned, a repeated id included (key 1040)', () => {
    const rec = prompts.find((p) => p.key === 1040);
    expect(rec?.instructions).toEqual([
      { id: 'change_case:capital_word_frequency', kwargs: { capital_relation: 'less than', capital_frequency: 10 } },
      { id: 'change_case:capital_word_frequency', kwargs: { capital_relation: 'at least', capital_frequency: 1 } },
      { id: 'startend:quotation', kwargs: {} },
    ]);
  });

  it('uses every one of the 25 instruction ids, all of which have a checker', () => {
    const used = new Set(prompts.flatMap((p) => p.instructions.map((i) => i.id)));
    expect([...used].sort()).toEqual([...INSTRUCTION_IDS].sort());
  });
});

const good = { key: 7, prompt: 'Write a haiku.', instruction_id_list: ['length_constraints:number_words', 'punctuation:no_comma'], kwargs: [{ num_words: 20, relation: 'less than' }, {}] };

function errorOf(record: unknown): IfevalPromptError {
  try {
    parseIfevalPrompt(record, 'prompts.jsonl line 3');
  } catch (e) {
    if (e instanceof IfevalPromptError) return e;
    throw e;
  }
  throw new Error('expected an IfevalPromptError');
}

describe(parseIfevalPrompt.name, () => {
  it('parses a well-formed record', () => {
    expect(parseIfevalPrompt(good, 'x')).toEqual({
      key: 7,
      prompt: 'Write a haiku.',
      instructions: [
        { id: 'length_constraints:number_words', kwargs: { num_words: 20, relation: 'less than' } },
        { id: 'punctuation:no_comma', kwargs: {} },
      ],
    });
  });

  it('drops null kwargs, as the copies that list every key with null carry them', () => {
    const withNulls = { ...good, kwargs: [{ num_words: 20, relation: 'less than', num_highlights: null, keywords: null }, { language: null }] };
    expect(parseIfevalPrompt(withNulls, 'x').instructions[0].kwargs).toEqual({ num_words: 20, relation: 'less than' });
  });

  it.each([
    ['an unknown instruction id', { ...good, instruction_id_list: ['length_constraints:number_words', 'punctuation:no_semicolon'] }, 'prompts.jsonl line 3 (key 7): instruction_id_list[1]: the string "punctuation:no_semicolon" is not an IFEval instruction id'],
    ['a missing required kwarg', { ...good, kwargs: [{ relation: 'less than' }, {}] }, 'prompts.jsonl line 3 (key 7): kwargs[0].num_words: is missing; length_constraints:number_words needs it'],
    ['a kwarg of the wrong type', { ...good, kwargs: [{ num_words: '20', relation: 'less than' }, {}] }, 'prompts.jsonl line 3 (key 7): kwargs[0].num_words: must be a whole number ≥ 0, not the string "20"'],
    ['an unknown relation', { ...good, kwargs: [{ num_words: 20, relation: 'at most' }, {}] }, 'prompts.jsonl line 3 (key 7): kwargs[0].relation: must be one of "less than", "at least", not the string "at most"'],
    ['a kwarg the instruction does not take', { ...good, kwargs: [{ num_words: 20, relation: 'less than' }, { letter: 'a' }] }, 'prompts.jsonl line 3 (key 7): kwargs[1].letter: is not an argument of punctuation:no_comma (it takes none)'],
    ['kwargs not aligned with the ids', { ...good, kwargs: [{}] }, 'prompts.jsonl line 3 (key 7): kwargs: has 1 entries but instruction_id_list has 2; they must align'],
    ['a missing key', { ...good, key: undefined }, 'prompts.jsonl line 3: key: must be an integer, not nothing (the field is missing)'],
    ['an empty prompt', { ...good, prompt: ' ' }, 'prompts.jsonl line 3 (key 7): prompt: must be a non-empty string, not the string " "'],
    ['a letter that is not one character', { key: 1, prompt: 'p', instruction_id_list: ['keywords:letter_frequency'], kwargs: [{ letter: 'ab', let_frequency: 2, let_relation: 'at least' }] }, 'prompts.jsonl line 3 (key 1): kwargs[0].letter: must be a single letter, not the string "ab"'],
    ['nth_paragraph beyond num_paragraphs', { key: 1, prompt: 'p', instruction_id_list: ['length_constraints:nth_paragraph_first_word'], kwargs: [{ num_paragraphs: 2, nth_paragraph: 3, first_word: 'so' }] }, 'prompts.jsonl line 3 (key 1): kwargs[0].nth_paragraph: must be between 1 and num_paragraphs (2), not 3'],
    ['a keyword that is no valid pattern (the reference uses it as a regular expression)', { key: 1, prompt: 'p', instruction_id_list: ['keywords:existence'], kwargs: [{ keywords: ['C++'] }] }, 'prompts.jsonl line 3 (key 1): kwargs[0].keywords: "C++" is used as a regular expression by the reference and does not compile'],
  ])('refuses %s, naming the record and the field', (_what, record, message) => {
    expect(errorOf(record).message).toContain(message);
  });
});

describe(parseIfevalJsonl.name, () => {
  it('reports each bad line with its line number and keeps every good line', () => {
    const lines = [
      JSON.stringify(good),
      '{"key": 8, "prompt": ',
      JSON.stringify({ ...good, key: 9, instruction_id_list: ['nope', 'punctuation:no_comma'] }),
      '',
      JSON.stringify({ ...good, key: 10 }),
      JSON.stringify({ ...good, key: 7 }),
    ];
    const { prompts, errors } = parseIfevalJsonl(lines.join('\n'), 'p.jsonl');
    expect(prompts.map((p) => p.key)).toEqual([7, 10]);
    expect(errors.map((e) => [e.where, e.field])).toEqual([
      ['p.jsonl line 2', 'record'],
      ['p.jsonl line 3 (key 9)', 'instruction_id_list[0]'],
      ['p.jsonl line 6 (key 7)', 'key'],
    ]);
    expect(errors[2].reason).toBe('repeats the key of line 1');
  });
});
