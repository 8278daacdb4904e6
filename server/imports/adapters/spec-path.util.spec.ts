import { describe, expect, it } from 'vitest';
import { PathSyntaxError, parsePath, resolve, resolveAll, type PathScope } from './spec-path.util';

const scope = (record: unknown, extra: Partial<PathScope> = {}): PathScope => ({ record, elementPrefix: '', vars: new Map(), ...extra });

describe('spec paths', () => {
  it('parses keys, indexes, wildcards and special roots', () => {
    expect(parsePath('question.problem').segments).toEqual([{ key: 'question' }, { key: 'problem' }]);
    expect(parsePath('[1]').segments).toEqual([{ index: 1 }]);
    expect(parsePath('messages[*].role').segments).toEqual([{ key: 'messages' }, { wildcard: true }, { key: 'role' }]);
    expect(parsePath('$parent[0]').root).toEqual({ kind: 'parent' });
    expect(parsePath('$index').root).toEqual({ kind: 'index' });
    expect(parsePath('@gold').root).toEqual({ kind: 'var', name: 'gold' });
    expect(parsePath('$col.instruction').root).toEqual({ kind: 'column', name: 'instruction' });
  });

  it('rejects malformed paths', () => {
    for (const bad of ['', 'a..b', '.a', 'a[x]', '$unknown', 'a[1', '@']) expect(() => parsePath(bad)).toThrow(PathSyntaxError);
  });

  it('resolves values and names them as the raw record writes them', () => {
    const record = { options: ['a', 'b'], question: { problem: 'p' } };
    expect(resolve(parsePath('options[1]'), scope(record))).toEqual({ where: 'options[1]', value: 'b' });
    expect(resolve(parsePath('question.missing'), scope(record))).toEqual({ where: 'question.missing', value: undefined });
    expect(resolve(parsePath('options.x'), scope(record)).value).toBeUndefined();
  });

  it('prefixes exploded elements and strips $parent', () => {
    const parent = [['turn'], [{ answer: 'x' }], 'doc'];
    const element = scope({ answer: 'x' }, { parent, index: 0, elementPrefix: '[1][0]' });
    expect(resolve(parsePath('answer'), element)).toEqual({ where: '[1][0].answer', value: 'x' });
    expect(resolve(parsePath('$parent[2]'), element)).toEqual({ where: '[2]', value: 'doc' });
    expect(resolve(parsePath('$index'), element).value).toBe(0);
  });

  it('expands wildcards and reads CSV columns through the mapping', () => {
    const record = { messages: [{ role: 'user' }, { role: 'assistant' }] };
    expect(resolveAll(parsePath('messages[*].role'), scope(record))).toEqual([
      { where: 'messages[0].role', value: 'user' },
      { where: 'messages[1].role', value: 'assistant' },
    ]);
    const columns = new Map([['instruction', { column: 'Question', explicit: true }]]);
    expect(resolve(parsePath('$col.instruction'), scope({ Question: 'q' }, { columns }))).toEqual({ where: 'Question', value: 'q' });
  });
});
