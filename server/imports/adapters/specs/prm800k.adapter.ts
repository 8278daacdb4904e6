import { defineAdapter } from '../spec-validator';

/**
 * PRM800K: step-rated GPT-4 attempts at MATH problems. The item is the problem with a trusted
 * solution: the MATH reference solution (phase 2 records carry it) or else the chain of steps the
 * labeler chose or wrote. `finish_reason` grades the GPT-4 attempt, not the problem, so a phase-2
 * 'found_error' record still has a sound reference solution and is kept; a record without one
 * (phase 1) is kept only when the labeler finished the chain ('solution'): 'give_up' or
 * 'found_error' chains stop before a correct answer.
 */
export const prm800kAdapter = defineAdapter({
  key: 'prm800k',
  title: 'PRM800K',
  description: 'MATH problems from PRM800K with the reference solution (or the labeler-chosen step chain); gold = ground-truth answer.',
  format: 'jsonl',
  source: { name: 'PRM800K', kind: 'curation', license: 'MIT', homepage: 'https://github.com/openai/prm800k' },
  fields: [
    { path: 'question', type: 'object' },
    { path: 'question.problem', type: 'nonEmptyString' },
    { path: 'question.ground_truth_answer', type: 'nonEmptyString' },
    { path: 'question.ground_truth_solution', type: 'string', optional: true },
    { path: 'label', type: 'object' },
    { path: 'label.steps', type: 'array' },
    { path: 'label.finish_reason', type: 'string' },
    { path: 'labeler', type: 'string', optional: true },
    { path: 'timestamp', type: 'string', optional: true },
    { path: 'generation', type: 'integer', optional: true },
  ],
  when: [
    {
      require: { any: [{ path: 'question.ground_truth_solution', nonEmpty: true }, { path: 'label.finish_reason', equals: 'solution' }] },
      reason: "no trusted solution: no ground_truth_solution and the labeler's chain ended with '{label.finish_reason}'",
    },
  ],
  ability: { const: 'cot_math' },
  messages: {
    turns: [
      { role: 'user', content: { path: 'question.problem' } },
      {
        role: 'assistant',
        content: { first: [{ path: 'question.ground_truth_solution' }, { path: 'label.steps', pipe: ['chosenSteps'] }] },
      },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'math' },
  gold: { path: 'question.ground_truth_answer' },
  // No record id upstream; a labeling is identified by who labeled it and when.
  sourceRecordId: {
    if: { all: [{ path: 'labeler', nonEmpty: true }, { path: 'timestamp', nonEmpty: true }] },
    then: { template: '{labeler}@{timestamp}' },
    else: { const: null },
  },
  meta: {
    labeler: { path: 'labeler' },
    generation: { path: 'generation' },
    finishReason: { path: 'label.finish_reason' },
    solutionFrom: { if: { path: 'question.ground_truth_solution', nonEmpty: true }, then: { const: 'ground_truth_solution' }, else: { const: 'chosen_steps' } },
  },
});
