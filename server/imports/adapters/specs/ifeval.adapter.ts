import { defineAdapter } from '../spec-validator';

/**
 * IFEval prompt files (google-research instruction_following_eval `data/input_data.jsonl`: one JSON object a line with
 * `key`, `prompt`, `instruction_id_list`, `kwargs`): benchmark items, never reviewed or trained on. IFEval is scored by
 * checkers run on the model's response (server/benchmarks/ifeval/), not against a reference answer, so an item is an
 * open-ended prompt with no gold and an empty answer; its instructions and their arguments are kept in meta for the
 * checkers. The arguments are checked here by the checkers' own parser, so a record scoring would refuse is refused at
 * import, naming the line and the field, and the other records still import.
 */
export const ifevalAdapter = defineAdapter({
  key: 'ifeval',
  title: 'IFEval (benchmark)',
  description:
    'IFEval prompt files (JSON lines with key, prompt, instruction_id_list, kwargs), imported as benchmark items for evaluation and decontamination: ' +
    'the prompt as the user turn and no reference answer (IFEval is scored by its instruction checkers, which need instruction_id_list and kwargs, kept in meta). ' +
    'Each instruction id must be one of IFEval’s 25 and its kwargs must fit it. All items take the import’s default ability: IFEval tests instruction following ' +
    '(format, length, keyword and case constraints) across topics, which none of the ten default abilities is; its prompts are mostly writing tasks, so creative_writing is the usual choice. Without a default ability each record is reported as having none.',
  format: 'jsonl',
  source: { name: 'IFEval', kind: 'benchmark', license: 'Apache-2.0', homepage: 'https://github.com/google-research/google-research/tree/master/instruction_following_eval' },
  fields: [
    { path: 'key', type: 'integer' },
    { path: 'prompt', type: 'nonEmptyString' },
    { path: 'instruction_id_list', type: 'string[]', minLength: 1 },
    { path: 'kwargs', type: 'array' },
  ],
  vars: {
    // checked against the ids by the IFEval checkers' parser; null arguments (the Hugging Face copy's unused ones) dropped
    kwargs: { path: 'kwargs', pipe: [['ifevalKwargs', 'instruction_id_list']] },
  },
  ability: { default: true },
  messages: {
    turns: [
      { role: 'user', content: { path: 'prompt' } },
      { role: 'assistant', content: { const: '' } },
    ],
  },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { path: 'key', pipe: ['string'] },
  meta: {
    benchmark: { const: 'ifeval' },
    instruction_id_list: { path: 'instruction_id_list' },
    kwargs: { path: '@kwargs' },
  },
  // no reference answer: the assistant turn stays empty (benchmark items are stored as references, never queued for an answer)
  needsAnswer: { path: 'prompt', exists: true },
});
