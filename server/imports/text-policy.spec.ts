import { describe, expect, it } from 'vitest';
import { quoteSafely, unsafeCharIn, unsafeTextIn } from './text-policy';

describe('text policy (issue 11 item 2)', () => {
  it('refuses NUL, unpaired surrogates and C0 controls other than tab, LF and CR, naming the character and where', () => {
    expect(unsafeCharIn('ab\u0000c')).toBe('NUL character (U+0000) at character 3 (PostgreSQL cannot store it)');
    expect(unsafeCharIn('x\ud800')).toMatch(/^unpaired UTF-16 surrogate U\+D800 at character 2 /);
    expect(unsafeCharIn('\udfffy')).toMatch(/^unpaired UTF-16 surrogate U\+DFFF at character 1 /);
    expect(unsafeCharIn('a\u0007')).toMatch(/^control character U\+0007 \(BEL\) at character 2/);
    expect(unsafeCharIn('a\u001b[0m')).toMatch(/^control character U\+001B \(ESC\)/);
  });

  it('accepts tab, line ends, DEL, surrogate pairs, CJK and the empty string', () => {
    for (const s of ['', 'a\tb\r\nc', 'del\u007f', '😀 emoji 𠀀', '中文，标点。', '\u00a0\u200b\ufeff']) expect(unsafeCharIn(s)).toBeNull();
  });

  it('finds the first bad string in a record with its field path, keys included', () => {
    expect(unsafeTextIn({ messages: [{ role: 'user', content: 'ok' }, { role: 'assistant', content: 'bad\u0000' }] })).toEqual({
      field: 'messages[1].content',
      reason: expect.stringMatching(/^NUL character/),
    });
    expect(unsafeTextIn([['fine'], [{ question: 'q\ud800' }], 'id'])?.field).toBe('[1][0].question');
    expect(unsafeTextIn({ 'a\u0001': 1 })).toEqual({ field: '["a\\\\u0001"]', reason: expect.stringMatching(/^the key: control character U\+0001/) });
    expect(unsafeTextIn('top\u0000')).toEqual({ field: null, reason: expect.any(String) });
    expect(unsafeTextIn({ n: 1, b: true, z: null, s: '正常' })).toBeNull();
  });

  it('quotes what it refuses as visible escapes and leaves the rest alone', () => {
    expect(quoteSafely('a\u0000b\ud800c\u0007\t\n')).toBe('a\\u0000b\\ud800c\\u0007\t\n');
    expect(quoteSafely('😀中文')).toBe('😀中文');
  });
});
