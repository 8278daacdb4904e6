import { defineAdapter } from '../spec-validator';

/**
 * C-Eval subjects (its file names) with one of the ten default abilities. The other C-Eval subjects (law, physics,
 * accounting…) have none: they are the out-of-domain sets researchers register, imported under the import's default ability.
 */
const SUBJECTS: Record<string, string> = {
  high_school_biology: 'biology',
  middle_school_biology: 'biology',
  high_school_history: 'history',
  middle_school_history: 'history',
  modern_chinese_history: 'history',
  high_school_chinese: 'chinese',
  chinese_language_and_literature: 'chinese',
  logic: 'logical_reasoning',
  college_programming: 'code',
  advanced_mathematics: 'cot_math',
  discrete_mathematics: 'cot_math',
  probability_and_statistics: 'cot_math',
  high_school_mathematics: 'cot_math',
  middle_school_mathematics: 'cot_math',
  ideological_and_moral_cultivation: 'ethics',
};

/** C-Eval names its files `<subject>_dev.csv`, `<subject>_val.csv`, `<subject>_test.csv`. */
const FILE = '^(.+)_(dev|val|test)\\.csv$';

/**
 * C-Eval CSVs (`<subject>_<split>.csv`, header `id,question,A,B,C,D,answer`, dev files with an `explanation` too): benchmark
 * items, never reviewed or trained on. The subject and split come from the file's name; the split is kept in
 * `meta.split`, and dev items (C-Eval's few-shot exemplars, never scored) say so in `meta.exemplar`.
 */
export const cevalAdapter = defineAdapter({
  key: 'ceval',
  title: 'C-Eval (benchmark)',
  description:
    'C-Eval files named <subject>_dev.csv, <subject>_val.csv or <subject>_test.csv (header id,question,A,B,C,D,answer, optionally explanation); ' +
    'four options A–D; imported as benchmark items for evaluation and decontamination, the split (dev = few-shot exemplars, never scored) in meta.split. ' +
    `Any subject is accepted: ${Object.keys(SUBJECTS).join(', ')} have a default ability; every other subject (an out-of-domain set) ` +
    'goes to the import’s default ability, since no default ability is general enough to hold them — without one its rows are skipped, naming the subject.',
  format: 'csv',
  source: { name: 'C-Eval', kind: 'benchmark', license: 'CC BY-NC-SA 4.0', homepage: 'https://github.com/hkust-nlp/ceval' },
  columns: {
    ...Object.fromEntries(['id', 'question', 'A', 'B', 'C', 'D', 'answer'].map((name) => [name, { required: true }])),
    explanation: { required: false },
  },
  fields: [
    { path: '$col.id', type: 'scalar' },
    { path: '$col.question', type: 'nonEmptyString' },
    { path: '$col.A', type: 'nonEmptyString' },
    { path: '$col.B', type: 'nonEmptyString' },
    { path: '$col.C', type: 'nonEmptyString' },
    { path: '$col.D', type: 'nonEmptyString' },
    { path: '$col.answer', type: 'string', oneOf: ['A', 'B', 'C', 'D'] },
    { path: '$col.explanation', type: 'string', optional: true },
  ],
  vars: {
    subject: { path: '$file', pipe: [['regex', FILE, 1]] },
    split: { path: '$file', pipe: [['regex', FILE, 2]] },
    options: { list: [{ path: '$col.A' }, { path: '$col.B' }, { path: '$col.C' }, { path: '$col.D' }] },
    letters: { list: [{ const: 'A' }, { const: 'B' }, { const: 'C' }, { const: 'D' }] },
    goldIndex: { path: '$col.answer', pipe: [['indexIn', '@letters']] },
    goldOption: { path: '@options', pipe: [['itemAt', '@goldIndex']] },
  },
  ability: {
    rules: [
      {
        // a file not named as C-Eval names them has no subject nor split: refused, naming the file
        if: { not: { path: '$file', matches: FILE } },
        then: { from: { path: '$file' }, label: 'a C-Eval file named <subject>_dev.csv, <subject>_val.csv or <subject>_test.csv; got', map: {}, otherwise: 'error' },
      },
    ],
    else: { from: { path: '@subject' }, label: `C-Eval subject (the file's name; with an ability: ${Object.keys(SUBJECTS).join(', ')})`, map: SUBJECTS, otherwise: 'default' },
  },
  messages: {
    turns: [
      { role: 'user', content: { template: '{$col.question}\n{@options|lettered}' } },
      { role: 'assistant', content: { template: '{$col.answer}. {@goldOption}' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '$col.answer' },
  choiceCount: { const: 4 },
  // ids restart at 0 in every file: the subject and split make them unique within the source
  sourceRecordId: { template: '{@subject}_{@split}:{$col.id}' },
  meta: {
    benchmark: { const: 'ceval' },
    subset: { path: '@subject' },
    split: { path: '@split' },
    exemplar: { if: { path: '@split', equals: 'dev' }, then: { const: true }, else: { const: false } },
    question: { path: '$col.question' },
    options: { path: '@options' },
    explanation: { if: { path: '$col.explanation', nonEmpty: true }, then: { path: '$col.explanation' }, else: { const: null } },
  },
});
