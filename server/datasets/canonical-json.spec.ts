import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sha256Canonical } from './canonical-json';

describe(canonicalJson.name, () => {
  it('sorts keys at every depth, drops undefined and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: 'x', y: null }, 2], c: undefined })).toBe('{"a":[{"y":null,"z":"x"},2],"b":1}');
  });

  it('keeps strings as stored, Chinese and escapes included', () => {
    expect(canonicalJson({ t: '汉朝\n"引号"' })).toBe('{"t":"汉朝\\n\\"引号\\""}');
  });

  it('is the same for objects that differ only in key order, and hashes its UTF-8 bytes', () => {
    const a = { messages: [{ role: 'user', content: '你好' }], gold: null };
    const b = { gold: null, messages: [{ content: '你好', role: 'user' }] };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(sha256Canonical(a).toString('hex')).toBe(createHash('sha256').update(canonicalJson(b)).digest('hex'));
  });
});
