import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, tooDeep } from './json-depth';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
};

/** issue 14 item 6: the body depth check, at its bound and far past it. */
describe(tooDeep.name, () => {
  it('lets a body exactly MAX_JSON_DEPTH deep through and names the top-level field of one a level deeper', () => {
    expect(tooDeep({ spec: nested(MAX_JSON_DEPTH - 1) })).toBeNull();
    expect(tooDeep({ name: 'x', spec: nested(MAX_JSON_DEPTH) })).toBe('spec');
    expect(tooDeep([1, { a: nested(MAX_JSON_DEPTH) }])).toBe('[1]');
  });

  it('checks a body 100 000 levels deep without overflowing the stack', () => {
    expect(tooDeep({ notes: nested(100_000) })).toBe('notes');
  });

  it('passes scalars, flat bodies and the shapes Pace takes', () => {
    expect(tooDeep('text')).toBeNull();
    expect(tooDeep(null)).toBeNull();
    expect(tooDeep({ messages: [{ role: 'user', content: 'x' }], spec: { parts: [{ quotas: { a: { take: 1 } } }] } })).toBeNull();
    expect(tooDeep({ a: 1 }, 0)).toBe('body');
  });
});
