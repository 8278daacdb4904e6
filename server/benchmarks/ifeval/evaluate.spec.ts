import { describe, expect, it } from 'vitest';
import { checkResponse, evaluateIfeval, ifevalMetrics, IfevalMetricsError, looseVariants, type IfevalResult } from './evaluate';
import { parseIfevalPrompt } from './prompts';

// Issue 15 item 7: strict and loose evaluation and the four metrics, as the reference's evaluation_lib.py computes
// them (test_instruction_following_strict / _loose, print_report).

describe(looseVariants.name, () => {
  it('gives the 8 variants of test_instruction_following_loose, in its order', () => {
    const response = 'Sure:\n**Bold** body\n  more *text*\nBye';
    expect(looseVariants(response)).toEqual([
      response,
      'Sure:\nBold body\n  more text\nBye',
      '**Bold** body\n  more *text*\nBye', // first line removed, then stripped
      'Sure:\n**Bold** body\n  more *text*', // last line removed
      '**Bold** body\n  more *text*', // both removed
      'Bold body\n  more text\nBye',
      'Sure:\nBold body\n  more text',
      'Bold body\n  more text',
    ]);
  });
  it('a one-line response has empty line-removed variants (they follow nothing)', () => {
    expect(looseVariants('Only line')).toEqual(['Only line', 'Only line', '', '', '', '', '', '']);
  });
});

describe(checkResponse.name, () => {
  // Record 1021 of the shared sample (raw/ifeval/input_data.sample.jsonl), verbatim.
  const prompt = parseIfevalPrompt(
    {
      key: 1021,
      prompt:
        'Write a 2 paragraph critique of the following sentence in all capital letters, no lowercase letters allowed: "If the law is bad, you should not follow it". Label each paragraph with PARAGRAPH X.',
      instruction_id_list: ['change_case:english_capital', 'detectable_format:multiple_sections'],
      kwargs: [{}, { section_spliter: 'PARAGRAPH', num_sections: 2 }],
    },
    'sample key 1021',
  );
  const body =
    'PARAGRAPH 1\nTHE SENTENCE ASSUMES THAT EVERY CITIZEN CAN JUDGE WHICH LAWS ARE BAD WITHOUT ANY SHARED STANDARD.\nPARAGRAPH 2\nA BETTER RULE WOULD BE TO CHANGE A BAD LAW THROUGH THE COURTS AND THE VOTE WHILE STILL OBEYING IT.';

  it('follows both instructions, strict and loose', () => {
    expect(checkResponse(prompt, body)).toEqual({ strict: [true, true], loose: [true, true] });
  });
  it('a "Sure, here it is:" first line breaks the capitals strictly but not loosely (the loose rule it was made for)', () => {
    expect(checkResponse(prompt, `Sure, here it is:\n${body}`)).toEqual({ strict: [false, true], loose: [true, true] });
  });
  it('one paragraph fails the sections instruction in both tests', () => {
    expect(checkResponse(prompt, 'PARAGRAPH 1\nTHE SENTENCE IS TOO SIMPLE FOR THE WORLD AS IT IS.')).toEqual({ strict: [true, false], loose: [true, false] });
  });
});

describe(ifevalMetrics.name, () => {
  // A hand-computed table: 4 prompts, 8 instructions.
  //   prompt  ids                                         strict      loose
  //   P1      existence, title                            T T         T T
  //   P2      existence, frequency                        F T         T T
  //   P3      title                                       F           F
  //   P4      existence, title, frequency                 T F F       T T F
  // prompt-level strict 1/4 (P1), loose 2/4 (P1, P2); instruction-level strict 4/8, loose 6/8.
  // keywords:existence  strict 2/3, loose 3/3; detectable_format:title  strict 1/3, loose 2/3;
  // keywords:frequency  strict 1/2, loose 1/2; category keywords strict 3/5, loose 4/5; detectable_format = title.
  const E = 'keywords:existence';
  const T = 'detectable_format:title';
  const F = 'keywords:frequency';
  const results: IfevalResult[] = [
    { instructionIds: [E, T], strict: [true, true], loose: [true, true] },
    { instructionIds: [E, F], strict: [false, true], loose: [true, true] },
    { instructionIds: [T], strict: [false], loose: [false] },
    { instructionIds: [E, T, F], strict: [true, false, false], loose: [true, true, false] },
  ];

  it('computes the four metrics and the per-instruction and per-category breakdowns', () => {
    const m = ifevalMetrics(results);
    expect(m).toMatchObject({ prompts: 4, instructions: 8, promptStrict: 0.25, promptLoose: 0.5, instructionStrict: 0.5, instructionLoose: 0.75 });
    expect(m.byInstruction).toEqual({
      [T]: { total: 3, strict: 1 / 3, loose: 2 / 3 },
      [E]: { total: 3, strict: 2 / 3, loose: 1 },
      [F]: { total: 2, strict: 0.5, loose: 0.5 },
    });
    expect(m.byCategory).toEqual({
      detectable_format: { total: 3, strict: 1 / 3, loose: 2 / 3 },
      keywords: { total: 5, strict: 0.6, loose: 0.8 },
    });
  });

  it('refuses an empty run and a result whose outcomes do not match its ids', () => {
    expect(() => ifevalMetrics([])).toThrow(IfevalMetricsError);
    expect(() => ifevalMetrics([{ instructionIds: [E, T], strict: [true], loose: [true, true] }])).toThrow('result 0: 2 instruction ids but 1 strict and 2 loose outcomes');
  });
});

describe(evaluateIfeval.name, () => {
  const p = (key: number, id: string) => parseIfevalPrompt({ key, prompt: `Prompt ${key}.`, instruction_id_list: [id], kwargs: [{}] }, 'run');
  const prompts = [p(1, 'punctuation:no_comma'), p(2, 'startend:quotation'), p(3, 'punctuation:no_comma')];

  it('scores each prompt against the response of its key and reports prompts without one', () => {
    const run = evaluateIfeval(prompts, new Map([[1, 'No commas.'], [2, 'Sure:\n"Quoted."']]));
    expect(run.missing).toEqual([3]);
    expect(run.results).toEqual([
      { key: 1, instructionIds: ['punctuation:no_comma'], strict: [true], loose: [true] },
      { key: 2, instructionIds: ['startend:quotation'], strict: [false], loose: [true] },
    ]);
    expect(run.metrics).toMatchObject({ prompts: 2, promptStrict: 0.5, promptLoose: 1, instructionStrict: 0.5, instructionLoose: 1 });
  });

  it('gives no metrics when no prompt has a response', () => {
    expect(evaluateIfeval(prompts, new Map())).toEqual({ results: [], missing: [1, 2, 3], metrics: null });
  });
});
