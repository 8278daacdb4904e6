import { describe, expect, it } from 'vitest';
import type { AdapterResult } from '../import-types';
import { applyAdapter } from './adapter-engine';
import type { AdapterSpec } from './adapter-spec.types';
import { defineAdapter } from './spec-validator';

const choiceSpec = defineAdapter({
  key: 'choice_fixture',
  title: 'Choice fixture',
  description: 'LogiQA-like records',
  format: 'jsonl',
  source: { name: 'fixture', kind: 'curation', license: 'CC0' },
  fields: [
    { path: ['example_id', 'id'], type: 'integer' },
    { path: 'text', type: 'string' },
    { path: 'options', type: 'string[]', length: 4 },
    { path: 'answer', type: 'integer', oneOf: [0, 1, 2, 3] },
    { path: 'domain', type: 'string', optional: true },
  ],
  vars: { gold: { path: 'answer', pipe: ['letter'] } },
  when: [{ require: { not: { path: 'domain', equals: 'draft' } }, reason: 'draft record {example_id}' }],
  ability: { from: { path: 'domain' }, label: 'domain', map: { 逻辑: 'logical_reasoning' }, otherwise: 'default' },
  messages: {
    turns: [
      { role: 'user', content: { template: '{text}\n{options|lettered}' } },
      { role: 'assistant', content: { template: '{@gold}. {options|itemAt:answer}' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: '@gold' },
  choiceCount: { const: 3 },
  sourceRecordId: { first: [{ path: 'example_id' }, { path: 'id' }] },
  meta: { domain: { path: 'domain' } },
});

const record = { example_id: 7, text: ' 段落 ', options: ['甲', '乙', '丙', '丁'], answer: 1, domain: '逻辑' };

const dialogueSpec = defineAdapter({
  key: 'dialogue_fixture',
  title: 'Dialogue fixture',
  description: 'C3-like documents',
  format: 'json-array',
  source: { name: 'fixture', kind: 'curation', license: null },
  fields: [
    { path: '[0]', type: 'string[]' },
    { path: '[1]', type: 'array' },
    { path: '[2]', type: 'string' },
  ],
  explode: {
    path: '[1]',
    fields: [
      { path: 'question', type: 'nonEmptyString' },
      { path: 'choice', type: 'string[]', minLength: 3, maxLength: 4 },
      { path: 'answer', type: 'string', inPath: 'choice' },
    ],
  },
  when: [{ require: { path: 'question', matches: '^(?!跳过)' }, reason: 'skipped question {$index}' }],
  ability: { const: 'dialogue_understanding' },
  messages: {
    turns: [
      { role: 'user', content: { template: '{$parent[0]|join}\n{question}\n{choice|lettered}' } },
      { role: 'assistant', content: { path: 'answer' } },
    ],
  },
  questionFormat: { const: 0 },
  answerType: { const: 'single_choice' },
  gold: { path: 'answer', pipe: [['indexIn', 'choice'], 'letter'] },
  choiceCount: { path: 'choice', pipe: ['count'] },
  sourceRecordId: { template: '{$parent[2]}#{$index}' },
});

const doc = (questions: unknown[]) => [['男：去哪？', '女：学校。'], questions, 'd-1'];
const question = (q: string, answer = '学校') => ({ question: q, choice: ['家', '学校', '公司'], answer });

function invalidErrors(result: AdapterResult) {
  expect(result.kind).toBe('invalid');
  return result.kind === 'invalid' ? result.errors : [];
}

describe('applyAdapter', () => {
  it('builds an item with trimmed messages, gold, id and meta', () => {
    expect(applyAdapter(choiceSpec, record)).toEqual({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'user', content: '段落 \nA. 甲\nB. 乙\nC. 丙\nD. 丁' },
            { role: 'assistant', content: 'B. 乙' },
          ],
          ability: 'logical_reasoning',
          questionFormat: 0,
          answerType: 'single_choice',
          gold: 'B',
          sourceRecordId: '7',
          meta: { domain: '逻辑' },
        },
      ],
    });
  });

  it('reports declared fields by exact path and reason', () => {
    expect(invalidErrors(applyAdapter(choiceSpec, { ...record, options: 'A. 甲' }))).toEqual([
      { field: 'options', code: 'wrong_type', reason: 'expected array of 4 strings, got string' },
    ]);
    expect(invalidErrors(applyAdapter(choiceSpec, { ...record, options: ['a', 'b', 3, 'd'] }))).toEqual([
      { field: 'options[2]', code: 'wrong_type', reason: 'expected string, got number' },
    ]);
    expect(invalidErrors(applyAdapter(choiceSpec, { ...record, options: ['a'], answer: 5, text: undefined }))).toEqual([
      { field: 'text', code: 'missing_field', reason: 'expected string, got missing' },
      { field: 'options', code: 'wrong_type', reason: 'expected array of 4 strings, got array of 1' },
      { field: 'answer', code: 'value_not_allowed', reason: 'expected one of 0, 1, 2, 3, got 5' },
    ]);
    const { example_id: _, ...noId } = record;
    expect(invalidErrors(applyAdapter(choiceSpec, noId))).toEqual([{ field: 'example_id', code: 'missing_field', reason: 'expected integer (or id), got missing' }]);
    expect(applyAdapter(choiceSpec, { ...noId, id: 9 })).toMatchObject({ kind: 'items', items: [{ sourceRecordId: '9' }] });
  });

  it('reports a record that is not an object at its fields', () => {
    expect(invalidErrors(applyAdapter(choiceSpec, 'just a string'))[0]).toEqual({ field: 'example_id', code: 'missing_field', reason: 'expected integer (or id), got missing' });
  });

  it('skips records failing a skip rule, with the reason rendered from the record', () => {
    expect(applyAdapter(choiceSpec, { ...record, domain: 'draft' })).toEqual({ kind: 'skipped', reason: 'draft record 7' });
  });

  it('falls back to the default ability, or skips naming the value when there is none', () => {
    const other = { ...record, domain: '历史' };
    expect(applyAdapter(choiceSpec, other)).toEqual({ kind: 'skipped', reason: 'no ability for domain 历史 and no default ability was given' });
    expect(applyAdapter(choiceSpec, other, { defaultAbility: 'history' })).toMatchObject({ kind: 'items', items: [{ ability: 'history' }] });
  });

  it('rejects a gold letter outside the declared choice count', () => {
    expect(invalidErrors(applyAdapter(choiceSpec, { ...record, answer: 3 }))).toEqual([
      { field: 'answer', code: 'bad_answer', reason: 'gold letter D is outside the 3 choices' },
    ]);
  });

  it('explodes one item per element with parent fields and index', () => {
    const result = applyAdapter(dialogueSpec, doc([question('女的去哪？'), question('男的问什么？', '家')]));
    expect(result.kind).toBe('items');
    const items = result.kind === 'items' ? result.items : [];
    expect(items.map((i) => [i.sourceRecordId, i.gold])).toEqual([
      ['d-1#0', 'B'],
      ['d-1#1', 'A'],
    ]);
    expect(items[0].messages[0].content).toBe('男：去哪？\n女：学校。\n女的去哪？\nA. 家\nB. 学校\nC. 公司');
  });

  it('names exploded element fields inside the raw record, and invalidates the whole record', () => {
    const errors = invalidErrors(applyAdapter(dialogueSpec, doc([question('ok'), question('bad', '医院'), { question: '', choice: ['a', 'b'], answer: 'a' }])));
    expect(errors).toEqual([
      { field: '[1][1].answer', code: 'value_not_allowed', reason: 'expected one of the values of choice, got "医院"' },
      { field: '[1][2].question', code: 'empty_text', reason: 'expected non-empty string, got empty string' },
      { field: '[1][2].choice', code: 'wrong_type', reason: 'expected array of 3–4 strings, got array of 2' },
    ]);
    expect(invalidErrors(applyAdapter(dialogueSpec, [['t'], 'not a list', 'd']))).toEqual([{ field: '[1]', code: 'wrong_type', reason: 'expected array, got string' }]);
  });

  it('keeps the other elements when some are skipped, and skips the record when all are', () => {
    const some = applyAdapter(dialogueSpec, doc([question('跳过这题'), question('女的去哪？')]));
    expect(some).toMatchObject({ kind: 'items', items: [{ sourceRecordId: 'd-1#1' }] });
    expect(applyAdapter(dialogueSpec, doc([question('跳过')]))).toEqual({ kind: 'skipped', reason: 'skipped question 0' });
    expect(applyAdapter(dialogueSpec, doc([]))).toEqual({ kind: 'skipped', reason: '[1] is empty' });
  });

  it('rejects empty messages unless the item needs an answer', () => {
    const open: AdapterSpec = {
      key: 'open_fixture',
      title: 'Open fixture',
      description: 'open items',
      format: 'jsonl',
      source: { name: 'fixture', kind: 'generic', license: null },
      fields: [
        { path: 'q', type: 'string' },
        { path: 'a', type: 'string' },
      ],
      ability: { default: true },
      messages: { turns: [{ role: 'user', content: { path: 'q' } }, { role: 'assistant', content: { path: 'a' } }] },
      questionFormat: { const: 1 },
      answerType: { const: 'open' },
      gold: { const: null },
      sourceRecordId: { const: null },
    };
    const strict = defineAdapter(open);
    expect(invalidErrors(applyAdapter(strict, { q: '写诗', a: '  ' }))).toEqual([{ field: 'a', code: 'empty_text', reason: 'empty assistant message' }]);
    expect(invalidErrors(applyAdapter(strict, { q: ' ', a: 'x' }))).toEqual([{ field: 'q', code: 'empty_text', reason: 'empty user message' }]);
    const lenient = defineAdapter({ ...open, key: 'open_lenient', needsAnswer: { not: { path: 'a', nonEmpty: true } } });
    expect(applyAdapter(lenient, { q: '写诗', a: '' })).toEqual({
      kind: 'items',
      items: [
        {
          messages: [
            { role: 'user', content: '写诗' },
            { role: 'assistant', content: '' },
          ],
          ability: null,
          questionFormat: 1,
          answerType: 'open',
          gold: null,
          sourceRecordId: null,
          needsAnswer: true,
        },
      ],
    });
  });

  it('reports a filter failing on an unexpected value as an invalid field', () => {
    const spec = defineAdapter({
      key: 'filter_fixture',
      title: 'Filter fixture',
      description: 'x',
      format: 'jsonl',
      source: { name: 'fixture', kind: 'generic', license: null },
      fields: [{ path: 'q', type: 'any' }],
      ability: { default: true },
      messages: { turns: [{ role: 'user', content: { path: 'q', pipe: ['trim'] } }, { role: 'assistant', content: { const: 'a' } }] },
      questionFormat: { const: 1 },
      answerType: { const: 'open' },
      gold: { const: null },
      sourceRecordId: { const: null },
    });
    expect(invalidErrors(applyAdapter(spec, { q: 42 }))).toEqual([{ field: 'q', code: 'wrong_type', reason: 'trim: expected string, got number' }]);
  });
  it('reads `$file` as the base name of the record\'s file and builds arrays with `list`', () => {
    const spec = defineAdapter({
      key: 'file_fixture',
      title: 'File fixture',
      description: 'x',
      format: 'jsonl',
      source: { name: 'fixture', kind: 'benchmark', license: null },
      fields: [{ path: 'q', type: 'string' }, { path: 'a', type: 'string' }],
      vars: { subset: { path: '$file', pipe: [['regex', '^([^.]+)', 1]] } },
      ability: { from: { path: '@subset' }, label: 'subset', map: { 历史: 'history' }, otherwise: 'error' },
      messages: { turns: [{ role: 'user', content: { path: 'q' } }, { role: 'assistant', content: { path: 'a' } }] },
      questionFormat: { const: 1 },
      answerType: { const: 'open' },
      gold: { const: null },
      sourceRecordId: { const: null },
      meta: { pair: { list: [{ path: 'q' }, { const: '和' }, { path: 'a' }] } },
    });
    const ok = applyAdapter(spec, { q: '问', a: '答' }, { fileName: 'uploads/历史.sample.jsonl' });
    expect(ok).toMatchObject({ kind: 'items', items: [{ ability: 'history', meta: { pair: ['问', '和', '答'] } }] });
    expect(invalidErrors(applyAdapter(spec, { q: '问', a: '答' }, { fileName: '/data/地理.jsonl' }))).toEqual([{ field: '$file', code: 'unknown_ability', reason: 'no ability for subset 地理' }]);
    expect(invalidErrors(applyAdapter(spec, { q: '问', a: '答' }))).toEqual([{ field: '$file', code: 'unknown_ability', reason: 'no ability for subset (empty)' }]);
  });
});
