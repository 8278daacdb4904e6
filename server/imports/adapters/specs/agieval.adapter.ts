import { defineAdapter } from '../spec-validator';

/** AGIEval's Chinese multiple-choice subsets this importer knows, and their abilities. */
const SUBSETS: Record<string, string> = {
  'gaokao-biology': 'biology',
  'gaokao-history': 'history',
  'logiqa-zh': 'logical_reasoning',
};
const KNOWN = Object.keys(SUBSETS).join(', ');
const SUBSET_FILE = { path: '$file', matches: `^(${Object.keys(SUBSETS).join('|')})\\.` } as const;

/**
 * AGIEval v1 files (`data/v1/<subset>.jsonl`: passage, question, options with their own letters, label): benchmark
 * items, never reviewed or trained on; the subset is the file's name. Only the Chinese multiple-choice subsets are
 * items: a line of any other file (math.jsonl has no options) is refused naming the file's subset, so importing
 * such a file fails as a whole ("no record could be imported"), with the first line's reason.
 */
export const agievalAdapter = defineAdapter({
  key: 'agieval',
  title: 'AGIEval, Chinese multiple choice (benchmark)',
  description: `AGIEval v1 files named <subset>.jsonl (${KNOWN}); four options, gold letter in label; imported as benchmark items for evaluation and decontamination.`,
  format: 'jsonl',
  source: { name: 'AGIEval', kind: 'benchmark', license: 'MIT (Gaokao), CC BY-NC-SA 4.0 (LogiQA)', homepage: 'https://github.com/ruixiangcui/AGIEval' },
  fields: [
    { path: 'passage', type: 'string', optional: true },
    { path: 'question', type: 'nonEmptyString' },
    { path: 'options', type: 'string[]', length: 4, when: SUBSET_FILE },
    { path: 'label', type: 'string', oneOf: ['A', 'B', 'C', 'D'], when: SUBSET_FILE },
    { path: 'other', type: 'any', optional: true },
  ],
  vars: {
    subset: { path: '$file', pipe: [['regex', '^([^.]+)', 1]] },
    letters: { list: [{ const: 'A' }, { const: 'B' }, { const: 'C' }, { const: 'D' }] },
    goldIndex: { path: 'label', pipe: [['indexIn', '@letters']] },
    goldOption: { path: 'options', pipe: [['itemAt', '@goldIndex']] },
  },
  ability: {
    from: { path: '@subset' },
    label: `AGIEval subset (the file's name; only the Chinese multiple-choice subsets ${KNOWN} are imported)`,
    map: SUBSETS,
    otherwise: 'error',
  },
  messages: {
    turns: [
      {
        role: 'user',
        content: {
          if: { path: 'passage', nonEmpty: true },
          then: { template: '{passage}\n{question}\n{options|join:\n}' },
          else: { template: '{question}\n{options|join:\n}' },
        },
      },
      { role: 'assistant', content: { path: '@goldOption' } },
    ],
  },
  // The passage (logiqa-zh, reading questions): several questions share one.
  context: { path: 'passage' },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: 'label' },
  choiceCount: { const: 4 },
  sourceRecordId: { const: null },
  meta: {
    benchmark: { const: 'agieval' },
    subset: { path: '@subset' },
    passage: { path: 'passage' },
    question: { path: 'question' },
    options: { path: 'options' },
    examSource: { path: 'other.source' },
  },
});
