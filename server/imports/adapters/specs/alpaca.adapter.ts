import { defineAdapter } from '../spec-validator';

/** Alpaca records `{instruction, input, output}` (optional `system`); a non-empty input follows the instruction after a blank line. */
export const alpacaAdapter = defineAdapter({
  key: 'alpaca',
  title: 'Alpaca (instruction / input / output)',
  description: 'Alpaca-style records in a JSON array or JSON Lines; open-ended items.',
  format: 'json-any',
  source: { name: 'alpaca', kind: 'generic', license: null },
  fields: [
    { path: 'instruction', type: 'nonEmptyString' },
    { path: 'input', type: 'string', optional: true },
    { path: 'output', type: 'string' },
    { path: 'system', type: 'string', optional: true },
    { path: 'id', type: 'scalar', optional: true },
  ],
  ability: { default: true },
  messages: {
    turns: [
      { role: 'system', content: { path: 'system' }, optional: true },
      { role: 'user', content: { if: { path: 'input', nonEmpty: true }, then: { template: '{instruction}\n\n{input}' }, else: { path: 'instruction' } } },
      { role: 'assistant', content: { path: 'output' } },
    ],
  },
  // The passage an instruction works on: the same input may come with several instructions.
  context: { path: 'input' },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { path: 'id', pipe: ['string'] },
});
