import { describe, expect, it } from 'vitest';
import { TRANSFORMS, TransformError, checkTransformCall, runTransform } from './transforms';

describe('transform registry', () => {
  it('passes absence through without calling the filter', () => {
    for (const name of Object.keys(TRANSFORMS)) {
      expect(runTransform(name, null, [])).toBeNull();
      expect(runTransform(name, undefined, [])).toBeNull();
    }
  });

  it('rejects an input of the wrong kind with a message naming the filter', () => {
    expect(() => runTransform('lettered', 'not a list', [])).toThrow(new TransformError('lettered: expected string[], got string'));
    expect(() => runTransform('letter', '1', [])).toThrow(/letter: expected number/);
  });

  it('runs filters with their arguments', () => {
    expect(runTransform('join', ['a', 'b'], [' / '])).toBe('a / b');
    expect(runTransform('codeBlock', '```go\nx\n```', [])).toBe('```go\nx\n```');
  });

  it('checks names and argument counts for spec validation', () => {
    expect(checkTransformCall('trim', 0)).toBeNull();
    expect(checkTransformCall('join', 0)).toBeNull();
    expect(checkTransformCall('join', 2)).toBe("filter 'join' takes 0–1 argument(s), got 2");
    expect(checkTransformCall('between', 1)).toBe("filter 'between' takes 2 argument(s), got 1");
    expect(checkTransformCall('codeBlock', 3)).toBeNull();
    expect(checkTransformCall('trimm', 0)).toMatch(/^unknown filter 'trimm' \(known: trim, /);
  });
});
