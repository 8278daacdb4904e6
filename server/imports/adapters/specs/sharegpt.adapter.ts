import { defineAdapter } from '../spec-validator';

/** ShareGPT records: `conversations` [{from: human|user|gpt|assistant|system, value}], optional top-level `system`. */
export const sharegptAdapter = defineAdapter({
  key: 'sharegpt',
  title: 'ShareGPT conversations',
  description: 'Multi-turn ShareGPT-style conversations; open-ended items.',
  format: 'json-any',
  source: { name: 'sharegpt', kind: 'generic', license: null },
  fields: [
    { path: 'conversations', type: 'array', minLength: 2 },
    { path: 'system', type: 'string', optional: true },
    { path: 'id', type: 'scalar', optional: true },
  ],
  ability: { default: true },
  messages: {
    fromPath: 'conversations',
    roleKey: 'from',
    contentKey: 'value',
    roleMap: { human: 'user', user: 'user', gpt: 'assistant', assistant: 'assistant', system: 'system' },
    prepend: [{ role: 'system', content: { path: 'system' }, optional: true }],
  },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { path: 'id', pipe: ['string'] },
});
