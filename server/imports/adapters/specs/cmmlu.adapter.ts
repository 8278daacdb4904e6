import type { Expr } from '../adapter-spec.types';
import { defineAdapter } from '../spec-validator';

/** The CMMLU subjects this importer knows: their Chinese names (CMMLU's name_en2zh, used in its prompt) and abilities. */
const SUBJECTS: Record<string, { name: string; ability: string }> = {
  chinese_history: { name: '中国历史', ability: 'history' },
  high_school_biology: { name: '高中生物', ability: 'biology' },
  logical: { name: '逻辑学', ability: 'logical_reasoning' },
  elementary_chinese: { name: '小学语文', ability: 'chinese' },
};

const subjectName: Expr = Object.entries(SUBJECTS).reduceRight<Expr>(
  (otherwise, [subject, { name }]) => ({ if: { path: '@subset', equals: subject }, then: { const: name }, else: otherwise }),
  { const: null },
);

/**
 * CMMLU test CSVs (`data/test/<subject>.csv`, header `,Question,A,B,C,D,Answer`, the first column pandas' row id):
 * benchmark items, never reviewed or trained on. The subject is the file's name, as CMMLU's own script reads it.
 */
export const cmmluAdapter = defineAdapter({
  key: 'cmmlu',
  title: 'CMMLU (benchmark)',
  description: `Chinese MMLU test files named <subject>.csv (${Object.keys(SUBJECTS).join(', ')}); four options A–D; imported as benchmark items for evaluation and decontamination.`,
  format: 'csv',
  source: { name: 'CMMLU', kind: 'benchmark', license: 'CC BY-NC-SA 4.0', homepage: 'https://github.com/haonan-li/CMMLU' },
  // the columns by their CMMLU names (an import may map them to others, as for any CSV)
  columns: Object.fromEntries(['_index', 'Question', 'A', 'B', 'C', 'D', 'Answer'].map((name) => [name, { required: true }])),
  fields: [
    { path: '$col._index', type: 'scalar' },
    { path: '$col.Question', type: 'nonEmptyString' },
    { path: '$col.A', type: 'nonEmptyString' },
    { path: '$col.B', type: 'nonEmptyString' },
    { path: '$col.C', type: 'nonEmptyString' },
    { path: '$col.D', type: 'nonEmptyString' },
    { path: '$col.Answer', type: 'string', oneOf: ['A', 'B', 'C', 'D'] },
  ],
  vars: {
    subset: { path: '$file', pipe: [['regex', '^([^.]+)', 1]] },
    options: { list: [{ path: '$col.A' }, { path: '$col.B' }, { path: '$col.C' }, { path: '$col.D' }] },
    letters: { list: [{ const: 'A' }, { const: 'B' }, { const: 'C' }, { const: 'D' }] },
    goldIndex: { path: '$col.Answer', pipe: [['indexIn', '@letters']] },
    goldOption: { path: '@options', pipe: [['itemAt', '@goldIndex']] },
  },
  ability: {
    from: { path: '@subset' },
    label: `CMMLU subject (the file's name; known: ${Object.keys(SUBJECTS).join(', ')})`,
    map: Object.fromEntries(Object.entries(SUBJECTS).map(([subject, s]) => [subject, s.ability])),
    otherwise: 'error',
  },
  messages: {
    turns: [
      { role: 'user', content: { template: '{$col.Question}\n{@options|lettered}' } },
      { role: 'assistant', content: { template: '{$col.Answer}. {@goldOption}' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '$col.Answer' },
  choiceCount: { const: 4 },
  sourceRecordId: { path: '$col._index', pipe: ['string'] },
  meta: {
    benchmark: { const: 'cmmlu' },
    subset: { path: '@subset' },
    subjectName,
    question: { path: '$col.Question' },
    options: { path: '@options' },
  },
});
