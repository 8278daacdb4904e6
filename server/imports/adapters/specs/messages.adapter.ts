import { defineAdapter } from '../spec-validator';

const EXACT = { path: 'question_format', equals: 0 } as const;
/** An absent question_format means open-ended (format 1). */
const OPEN = { not: EXACT } as const;
const COT_MATH = { path: 'type', equals: 'cot_math' } as const;

/**
 * The DoIT/OpenAI record: `messages` [{role, content}], `type` (ability), `question_format` 0|1,
 * `choices` [gold, fine, coarse] for format 1, `answer` (the final answer, when separate).
 * Format 0 without `answer`: the gold is the last `\boxed{}` of the answer for cot_math, else the
 * answer text itself (DoIT stores short exact-match answers as the assistant content).
 */
export const messagesAdapter = defineAdapter({
  key: 'messages',
  title: 'DoIT / OpenAI messages',
  description: 'One {"messages": [...], "type", "question_format", "choices", "answer"} object per record.',
  format: 'json-any',
  source: { name: 'messages', kind: 'generic', license: null },
  fields: [
    { path: 'messages', type: 'array', minLength: 2 },
    { path: 'type', type: 'string', optional: true },
    { path: 'question_format', type: 'integer', optional: true, oneOf: [0, 1] },
    { path: 'choices', type: 'string[]', length: 3, optional: true, when: OPEN },
    { path: 'answer', type: 'scalar', optional: true },
    { path: 'id', type: 'scalar', optional: true },
  ],
  vars: {
    gold: {
      if: EXACT,
      then: {
        if: COT_MATH,
        then: { first: [{ path: 'answer', pipe: ['string'] }, { path: 'messages', pipe: ['lastAssistant', 'boxed'] }] },
        else: { first: [{ path: 'answer', pipe: ['string'] }, { path: 'messages', pipe: ['lastAssistant', 'trim'] }] },
      },
      else: { const: null },
    },
  },
  ability: {
    rules: [{ if: { path: 'type', nonEmpty: true }, then: { from: { path: 'type' }, label: 'type', otherwise: 'error' } }],
    else: { default: true },
  },
  messages: { fromPath: 'messages', roleKey: 'role', contentKey: 'content' },
  questionFormat: { if: EXACT, then: { const: 0 }, else: { const: 1 } },
  answerType: {
    if: EXACT,
    then: { if: COT_MATH, then: { const: 'math' }, else: { path: '@gold', pipe: ['answerTypeOf'] } },
    else: { const: 'open' },
  },
  gold: { path: '@gold' },
  choices: { if: OPEN, then: { path: 'choices' } },
  sourceRecordId: { path: 'id', pipe: ['string'] },
});
