import { defineAdapter } from '../spec-validator';

// In the sample the only role-play prompt is "假设你是一名电话销售人员…" (class generation); the
// other phrasings are the usual Chinese ways to assign a persona. "作为一名" counts only at the
// start, since mid-sentence it rarely assigns one.
const ROLE_PLAY = '扮演|假设你是|假如你是|想象你是|你现在是|^\\s*作为一[名位个]|以[^，。]{1,12}的(?:身份|口吻)';

/** BELLE eval set: `question`, `std_answer` (empty for open classes), `class` (with an NBSP in "closed qa"). */
export const belleEvalAdapter = defineAdapter({
  key: 'belle_eval',
  title: 'BELLE eval set',
  description:
    'Chinese open instructions; role-play prompts → role_play, generation/brainstorming/rewrite → creative_writing, math → cot_math, code → code, other classes → the import’s default ability.',
  format: 'jsonl',
  source: { name: 'BELLE eval set', kind: 'curation', license: 'ODC-By (research use only)', homepage: 'https://github.com/LianjiaTech/BELLE' },
  fields: [
    { path: 'question', type: 'nonEmptyString' },
    { path: 'std_answer', type: 'string' },
    { path: 'class', type: 'nonEmptyString' },
  ],
  vars: {
    taskClass: { path: 'class', pipe: ['singleSpaces'] },
    answer: { path: 'std_answer', pipe: ['trim'] },
    // A bare number as the reference answer of a math question can be matched exactly.
    exactMath: {
      if: { all: [{ path: '@taskClass', equals: 'math' }, { path: '@answer', matches: '^-?\\d+(?:\\.\\d+)?$' }] },
      then: { const: true },
      else: { const: false },
    },
  },
  ability: {
    rules: [{ if: { path: 'question', matches: ROLE_PLAY, flags: 'm' }, then: { const: 'role_play' } }],
    else: {
      from: { path: '@taskClass' },
      label: 'class',
      map: { generation: 'creative_writing', brainstorming: 'creative_writing', rewrite: 'creative_writing', math: 'cot_math', code: 'code' },
      otherwise: 'default',
    },
  },
  messages: {
    turns: [
      { role: 'user', content: { path: 'question' } },
      { role: 'assistant', content: { path: 'std_answer' } },
    ],
  },
  questionFormat: { if: { path: '@exactMath', equals: true }, then: { const: 0 }, else: { const: 1 } },
  answerType: { if: { path: '@exactMath', equals: true }, then: { const: 'math' }, else: { const: 'open' } },
  gold: { if: { path: '@exactMath', equals: true }, then: { path: '@answer' }, else: { const: null } },
  sourceRecordId: { const: null },
  meta: { class: { path: '@taskClass' } },
  needsAnswer: { not: { path: '@answer', nonEmpty: true } },
});
