import { describe, expect, it } from 'vitest';
import type { AdapterSpec } from './adapter-spec.types';
import { listAdapters } from './index';
import { AdapterSpecError, defineAdapter, validateSpec } from './spec-validator';

const base: AdapterSpec = {
  key: 'tiny',
  title: 'Tiny',
  description: 'test spec',
  format: 'jsonl',
  source: { name: 'tiny', kind: 'generic', license: null },
  fields: [
    { path: 'q', type: 'nonEmptyString' },
    { path: 'a', type: 'string' },
  ],
  ability: { default: true },
  messages: {
    turns: [
      { role: 'user', content: { path: 'q' } },
      { role: 'assistant', content: { path: 'a' } },
    ],
  },
  questionFormat: { const: 1 },
  answerType: { const: 'open' },
  gold: { const: null },
  sourceRecordId: { const: null },
};

const problemsOf = (patch: Partial<AdapterSpec>) => validateSpec({ ...base, ...patch });

describe('spec validation', () => {
  it('accepts every registered adapter', () => {
    for (const spec of listAdapters()) expect(validateSpec(spec), spec.key).toEqual([]);
  });

  it('accepts the minimal spec and freezes it', () => {
    const spec = defineAdapter(structuredClone(base));
    expect(Object.isFrozen(spec.messages)).toBe(true);
  });

  it('rejects unknown filters and wrong argument counts', () => {
    expect(problemsOf({ gold: { path: 'a', pipe: ['trimm'] } })).toEqual([expect.stringMatching(/^gold: unknown filter 'trimm'/)]);
    expect(problemsOf({ gold: { template: '{a|between:<x>}' } })).toEqual(["gold: filter 'between' takes 2 argument(s), got 1"]);
  });

  it('rejects paths that do not parse or start at an undeclared field', () => {
    expect(problemsOf({ gold: { path: 'a..b' } })).toEqual([expect.stringMatching(/^gold: bad path 'a\.\.b'/)]);
    expect(problemsOf({ gold: { path: 'qestion' } })).toEqual(["gold: path 'qestion' starts at 'qestion', which is not a declared field"]);
    expect(problemsOf({ gold: { template: '{q} {answr}' } })).toEqual(["gold: path 'answr' starts at 'answr', which is not a declared field"]);
  });

  it('checks the shared context like any expression (issue 11 item 3)', () => {
    expect(problemsOf({ context: { path: 'q' } })).toEqual([]);
    expect(problemsOf({ context: { path: 'pasage' } })).toEqual(["context: path 'pasage' starts at 'pasage', which is not a declared field"]);
  });

  it('rejects variables used before they are defined, and $parent without explode', () => {
    expect(problemsOf({ vars: { x: { path: '@y' }, y: { path: 'q' } } })).toEqual(["vars.x: '@y' is not a variable defined before this point"]);
    expect(problemsOf({ gold: { path: '$parent[0]' } })).toEqual(["gold: '$parent' needs explode ('$parent[0]')"]);
    expect(problemsOf({ gold: { path: '$col.answer' } })).toEqual(["gold: '$col.answer' is not a declared column"]);
  });

  it('rejects bad regexes, malformed conditions and expressions', () => {
    expect(problemsOf({ when: [{ require: { path: 'q', matches: '(' }, reason: 'r' }] })[0]).toMatch(/^when\[0\]\.require\.matches: Invalid regular expression/);
    expect(problemsOf({ when: [{ require: { path: 'q', matches: 'x', flags: 'g' }, reason: 'r' }] })).toEqual([
      'when[0].require.matches: flags g and y are not allowed (stateful)',
    ]);
    expect(problemsOf({ needsAnswer: { path: 'a' } as never })).toEqual(['needsAnswer: expected exactly one of equals, in, matches, nonEmpty, exists; got none']);
    expect(problemsOf({ gold: { const: 1, path: 'a' } as never })).toEqual(['gold: expected exactly one of const, path, template, first, list, if; got const, path']);
  });

  it('rejects turn orders that are not user/assistant alternating', () => {
    const messages = { turns: [{ role: 'assistant' as const, content: { path: 'a' } }, { role: 'user' as const, content: { path: 'q' } }] };
    expect(problemsOf({ messages })).toEqual([expect.stringMatching(/^messages\.turns: expected \[system\?\], user, assistant/)]);
  });

  it('throws one error listing every problem', () => {
    const bad = { ...base, key: 'Bad Key', gold: { path: 'nope', pipe: ['nofilter'] } };
    expect(() => defineAdapter(bad)).toThrow(AdapterSpecError);
    expect(() => defineAdapter(bad)).toThrow(/key: expected a snake_case key[\s\S]*path 'nope'[\s\S]*unknown filter 'nofilter'/);
  });
});
