import { MCQ_OPTION_COLUMNS } from '../transforms/mcq.transform';
import { defineAdapter } from '../spec-validator';

/** `<set>.csv`, or `<set>_dev.csv` / `<set>_val.csv` / `<set>_test.csv` as C-Eval names its splits. */
const FILE = '^(.+?)(?:_(dev|val|test))?\\.csv$';

/**
 * Any multiple-choice CSV as an out-of-domain benchmark set (issue 15 item 8): the import's csvMapping names which file
 * columns are the question, the options (A, B and up to H), the answer letter and optionally an id and an explanation
 * (an unmapped role reads the column of its own name). The set is named by its file (`<set>.csv`, or
 * `<set>_<dev|val|test>.csv`): it is a subset of the `mcq` benchmark suite, and the rows of a `_dev` file are its 5-shot
 * exemplars, never scored. A row whose answer letter is not among its options, or that has fewer than two options, is
 * refused naming the column; the other rows import.
 */
export const mcqCsvAdapter = defineAdapter({
  key: 'mcq_csv',
  title: 'Multiple-choice CSV (benchmark, mapped columns)',
  description:
    'A multiple-choice set as benchmark items of the mcq suite, scored 0- and 5-shot like CMMLU. Columns question, A, B (C … H optional), answer (the letter), ' +
    'optionally id and explanation; map other column names with the CSV mapping, e.g. {"question":"题目","A":"选项一","B":"选项二","C":"选项三","answer":"答案"}. ' +
    'The file name names the set: <set>.csv, or <set>_dev.csv (few-shot exemplars, never scored), <set>_val.csv, <set>_test.csv. All rows take the import’s default ability.',
  format: 'csv',
  source: { name: 'Multiple-choice sets', kind: 'benchmark', license: null },
  columns: {
    question: { required: true },
    ...Object.fromEntries(MCQ_OPTION_COLUMNS.map((letter, i) => [letter, { required: i < 2 }])),
    answer: { required: true },
    id: { required: false },
    explanation: { required: false },
  },
  fields: [
    { path: '$col.question', type: 'nonEmptyString' },
    { path: '$col.answer', type: 'nonEmptyString' },
    ...MCQ_OPTION_COLUMNS.map((letter) => ({ path: `$col.${letter}`, type: 'string' as const, optional: true })),
    { path: '$col.id', type: 'scalar', optional: true },
    { path: '$col.explanation', type: 'string', optional: true },
  ],
  vars: {
    subset: { path: '$file', pipe: [['regex', FILE, 1]] },
    fileSplit: { path: '$file', pipe: [['regex', FILE, 2]] },
    split: { if: { path: '@fileSplit', nonEmpty: true }, then: { path: '@fileSplit' }, else: { const: 'test' } },
    options: { list: MCQ_OPTION_COLUMNS.map((letter) => ({ path: `$col.${letter}` })), pipe: ['mcqOptions'] },
    gold: { path: '$col.answer', pipe: [['mcqAnswer', '@options']] },
    letters: { list: MCQ_OPTION_COLUMNS.map((letter) => ({ const: letter })) },
    goldIndex: { path: '@gold', pipe: [['indexIn', '@letters']] },
    goldOption: { path: '@options', pipe: [['itemAt', '@goldIndex']] },
  },
  ability: {
    rules: [
      {
        if: { not: { path: '$file', matches: FILE } },
        then: { from: { path: '$file' }, label: 'a CSV file named <set>.csv or <set>_<dev|val|test>.csv; got', map: {}, otherwise: 'error' },
      },
    ],
    else: { default: true },
  },
  messages: {
    turns: [
      { role: 'user', content: { template: '{$col.question}\n{@options|lettered}' } },
      { role: 'assistant', content: { template: '{@gold}. {@goldOption}' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '@gold' },
  choiceCount: { path: '@options', pipe: ['count'] },
  sourceRecordId: { if: { path: '$col.id', nonEmpty: true }, then: { template: '{@subset}_{@split}:{$col.id}' }, else: { const: null } },
  meta: {
    benchmark: { const: 'mcq' },
    subset: { path: '@subset' },
    split: { path: '@split' },
    exemplar: { if: { path: '@split', equals: 'dev' }, then: { const: true }, else: { const: false } },
    question: { path: '$col.question' },
    options: { path: '@options' },
    explanation: { if: { path: '$col.explanation', nonEmpty: true }, then: { path: '$col.explanation' }, else: { const: null } },
  },
});
