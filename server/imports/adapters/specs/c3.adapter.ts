import { defineAdapter } from '../spec-validator';

/** C3-D: documents `[turns, questions, doc_id]`; each question becomes one item over the dialogue. */
export const c3Adapter = defineAdapter({
  key: 'c3',
  title: 'C3 dialogue reading comprehension',
  description: 'C3-D dialogues with 3–4-option questions; one item per question, gold = letter of the answer text.',
  format: 'json-array',
  source: { name: 'C3', kind: 'curation', license: 'non-commercial research only', homepage: 'https://github.com/nlpdata/c3' },
  fields: [
    { path: '[0]', type: 'string[]', minLength: 1 },
    { path: '[1]', type: 'array' },
    { path: '[2]', type: 'nonEmptyString' },
  ],
  explode: {
    path: '[1]',
    fields: [
      { path: 'question', type: 'nonEmptyString' },
      { path: 'choice', type: 'string[]', minLength: 3, maxLength: 4 },
      { path: 'answer', type: 'string', inPath: 'choice' },
    ],
  },
  vars: { gold: { path: 'answer', pipe: [['indexIn', 'choice'], 'letter'] } },
  ability: { const: 'dialogue_understanding' },
  messages: {
    turns: [
      { role: 'user', content: { template: '{$parent[0]|join}\n{question}\n{choice|lettered}' } },
      { role: 'assistant', content: { template: '{@gold}. {answer}' } },
    ],
  },
  // The dialogue: every question about it repeats it, so questions are compared apart from it.
  context: { path: '$parent[0]', pipe: ['join'] },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '@gold' },
  choiceCount: { path: 'choice', pipe: ['count'] },
  sourceRecordId: { template: '{$parent[2]}#{$index}' },
  meta: { docId: { path: '$parent[2]' } },
});
