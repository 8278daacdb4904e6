import { defineAdapter } from '../spec-validator';

const HAS_ANSWER = { path: '$col.answer', nonEmpty: true } as const;

/**
 * CSV rows; the import's csvMapping names the file column for each role (unmapped roles read the
 * column of the same name). A row with an `answer` becomes an exact-match item.
 */
export const csvAdapter = defineAdapter({
  key: 'csv',
  title: 'CSV (mapped columns)',
  description: 'CSV with a header row; columns mapped to instruction, output and optionally input, ability, id, answer.',
  format: 'csv',
  source: { name: 'csv', kind: 'generic', license: null },
  columns: {
    instruction: { required: true },
    output: { required: true },
    input: { required: false },
    ability: { required: false },
    id: { required: false },
    answer: { required: false },
  },
  fields: [
    { path: '$col.instruction', type: 'nonEmptyString' },
    { path: '$col.output', type: 'string' },
    { path: '$col.input', type: 'string', optional: true },
    { path: '$col.ability', type: 'string', optional: true },
    { path: '$col.id', type: 'string', optional: true },
    { path: '$col.answer', type: 'string', optional: true },
  ],
  ability: {
    rules: [{ if: { path: '$col.ability', nonEmpty: true }, then: { from: { path: '$col.ability' }, label: 'ability', otherwise: 'error' } }],
    else: { default: true },
  },
  messages: {
    turns: [
      {
        role: 'user',
        content: { if: { path: '$col.input', nonEmpty: true }, then: { template: '{$col.instruction}\n\n{$col.input}' }, else: { path: '$col.instruction' } },
      },
      { role: 'assistant', content: { path: '$col.output' } },
    ],
  },
  // A mapped `input` column is the passage the instruction works on, as alpaca's input.
  context: { path: '$col.input' },
  questionFormat: { if: HAS_ANSWER, then: { const: 0 }, else: { const: 1 } },
  answerType: { if: HAS_ANSWER, then: { path: '$col.answer', pipe: ['answerTypeOf'] }, else: { const: 'open' } },
  gold: { if: HAS_ANSWER, then: { path: '$col.answer' }, else: { const: null } },
  sourceRecordId: { if: { path: '$col.id', nonEmpty: true }, then: { path: '$col.id' }, else: { const: null } },
});
