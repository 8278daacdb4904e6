import { defineAdapter } from '../spec-validator';

/**
 * LogiQA 2.0: passage, question, four options, `answer` = option index. zh files use `example_id`,
 * en `id`; two thirds of the zh records already write "A." before each option, which is dropped
 * so every option is lettered once.
 */
export const logiqa2Adapter = defineAdapter({
  key: 'logiqa2',
  title: 'LogiQA 2.0',
  description: 'Logical-reasoning multiple choice (passage, question, options A–D); the assistant answers with the gold letter and option.',
  format: 'jsonl',
  source: { name: 'LogiQA 2.0', kind: 'curation', license: 'CC BY-NC-SA 4.0', homepage: 'https://github.com/csitfun/LogiQA2.0' },
  fields: [
    { path: ['example_id', 'id'], type: 'integer' },
    { path: 'text', type: 'string' },
    { path: 'question', type: 'string' },
    { path: 'options', type: 'string[]', length: 4 },
    { path: 'answer', type: 'integer', oneOf: [0, 1, 2, 3] },
    { path: 'type', type: 'object', optional: true },
  ],
  vars: {
    options: { path: 'options', pipe: ['unlettered'] },
    gold: { path: 'answer', pipe: ['letter'] },
    goldOption: { path: '@options', pipe: [['itemAt', 'answer']] },
  },
  ability: { const: 'logical_reasoning' },
  messages: {
    turns: [
      { role: 'user', content: { template: '{text}\n{question}\n{@options|lettered}' } },
      { role: 'assistant', content: { template: '{@gold}. {@goldOption}' } },
    ],
  },
  // The passage: LogiQA asks several questions about one text.
  context: { path: 'text' },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '@gold' },
  choiceCount: { const: 4 },
  sourceRecordId: { first: [{ path: 'example_id' }, { path: 'id' }] },
  meta: { reasoningTypes: { path: 'type', pipe: ['keys'] } },
});
