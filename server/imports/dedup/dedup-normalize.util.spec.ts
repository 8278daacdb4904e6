import { describe, expect, it } from 'vitest';
import { contentHash, dedupNormalize } from './dedup-normalize.util';

describe('dedupNormalize', () => {
  it('treats full-width and half-width punctuation and spaces alike', () => {
    const forms = ['你好，世界！', '你好,世界!', '你好 世界', '你好　世界', '「你好」——世界……', ' 你好\n\t世界 ', '你好\u200b世界'];
    for (const form of forms) expect(dedupNormalize(form)).toBe('你好世界');
  });

  it('folds case and full-width letters and digits', () => {
    expect(dedupNormalize('Hello, World 2024!')).toBe('helloworld2024');
    expect(dedupNormalize('ＨＥＬＬＯ　Ｗｏｒｌｄ　２０２４！')).toBe('helloworld2024');
  });

  it('removes symbols and keeps letters, digits, Han and marks', () => {
    expect(dedupNormalize('x² + y² = r²，求 $\\frac{a}{b}$ ≥ 1 (α≠β)')).toBe('x2y2r2求fracab1αβ');
    expect(dedupNormalize('const x = a[0] + b.c; // 注释')).toBe('constxa0bc注释');
    expect(dedupNormalize('emoji 👍🏽 and 😀 gone, 𠀀 kept')).toBe('emojiandgone𠀀kept');
    expect(dedupNormalize('café')).toBe(dedupNormalize('cafe\u0301'));
  });

  it('returns the empty string for punctuation-only text', () => {
    expect(dedupNormalize(' ，。！？…… ')).toBe('');
  });
});

describe('contentHash', () => {
  it('is 16 bytes of SHA-256 and equal for equal normalized text', () => {
    const a = contentHash(dedupNormalize('你好，世界！'));
    const b = contentHash(dedupNormalize('你好 世界'));
    expect(a).toHaveLength(16);
    expect(a.equals(b)).toBe(true);
    expect(a.toString('hex')).toBe('beca6335b20ff57ccc47403ef4d9e0b8'); // sha256('你好世界')[0..16)
    expect(contentHash('你好世界2').equals(a)).toBe(false);
  });
});
