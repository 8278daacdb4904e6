import { defineAdapter } from '../spec-validator';

/**
 * COIG exam questions (via COIG-CQIA): subject in `domain`. When the explanation states a choice
 * answer ("因此答案为：A", "故选B") the item is exact-match with that gold; otherwise open-ended.
 */
export const coigExamAdapter = defineAdapter({
  key: 'coig_exam',
  title: 'COIG exam (biology, history, Chinese)',
  description: 'Middle-school exam questions; ability by subject (生物, 历史, 语文; other subjects skipped); stated choice answers become exact-match items.',
  format: 'jsonl',
  source: {
    name: 'COIG exam (COIG-CQIA)',
    kind: 'curation',
    license: 'Apache-2.0 (BAAI COIG; COIG-CQIA unspecified)',
    homepage: 'https://huggingface.co/datasets/m-a-p/COIG-CQIA',
  },
  fields: [
    { path: 'instruction', type: 'string' },
    { path: 'input', type: 'string' },
    { path: 'output', type: 'nonEmptyString' },
    { path: 'domain', type: 'string[]', minLength: 1 },
    { path: 'answer_from', type: 'string', optional: true },
  ],
  vars: { stated: { path: 'output', pipe: ['statedChoice'] } },
  ability: {
    from: { path: 'domain[0]' },
    label: 'domain',
    map: { 生物: 'biology', 历史: 'history', 语文: 'chinese' },
    otherwise: 'skip',
  },
  messages: {
    turns: [
      {
        role: 'user',
        content: {
          if: { all: [{ path: 'instruction', nonEmpty: true }, { path: 'input', nonEmpty: true }] },
          then: { template: '{instruction|trim}\n\n{input|trim}' },
          else: { first: [{ path: 'instruction' }, { path: 'input' }] },
        },
      },
      { role: 'assistant', content: { path: 'output' } },
    ],
  },
  questionFormat: { if: { path: '@stated', nonEmpty: true }, then: { const: 0 }, else: { const: 1 } },
  answerType: { if: { path: '@stated', nonEmpty: true }, then: { path: '@stated', pipe: ['answerTypeOf'] }, else: { const: 'open' } },
  gold: { path: '@stated' },
  sourceRecordId: { const: null },
  meta: { subject: { path: 'domain[0]' }, answerFrom: { path: 'answer_from' } },
});
