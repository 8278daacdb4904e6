import { defineAdapter } from '../spec-validator';

/** COIG human-value multiple choice (via COIG-CQIA): options inlined in the instruction, gold letters on the output's last line. */
export const coigHumanValueAdapter = defineAdapter({
  key: 'coig_human_value',
  title: 'COIG human-value multiple choice',
  description: 'Ethics multiple choice with inlined options; gold = all A–F letters of the explanation’s last non-empty line (DoIT’s rule).',
  format: 'jsonl',
  source: {
    name: 'COIG human value (COIG-CQIA)',
    kind: 'curation',
    license: 'Apache-2.0 (BAAI COIG; COIG-CQIA unspecified)',
    homepage: 'https://huggingface.co/datasets/m-a-p/COIG-CQIA',
  },
  fields: [
    { path: 'instruction', type: 'nonEmptyString' },
    { path: 'input', type: 'string', optional: true },
    { path: 'output', type: 'nonEmptyString' },
    { path: 'answer_from', type: 'string', optional: true },
    { path: 'human_verified', type: 'boolean', optional: true },
  ],
  vars: { gold: { path: 'output', pipe: ['lastLineLetters'] } },
  ability: { const: 'ethics' },
  messages: {
    turns: [
      { role: 'user', content: { if: { path: 'input', nonEmpty: true }, then: { template: '{instruction}\n\n{input}' }, else: { path: 'instruction' } } },
      { role: 'assistant', content: { path: 'output' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { path: '@gold', pipe: ['answerTypeOf'] },
  gold: { path: '@gold' },
  sourceRecordId: { const: null },
  meta: { answerFrom: { path: 'answer_from' }, humanVerified: { path: 'human_verified' } },
});
