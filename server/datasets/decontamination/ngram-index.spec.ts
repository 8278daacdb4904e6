import { describe, expect, it } from 'vitest';
import { boilerplateCutoff, contaminationTokens, renderNgram } from './contamination-ngrams';
import { NgramIndex } from './ngram-index';

describe(NgramIndex.name, () => {
  const test = '公元前二零二年，刘邦击败项羽，建立汉朝，定都长安。';

  it('finds a shared run of 13 Chinese characters, punctuation and width ignored', () => {
    const index = new NgramIndex<string>(13);
    index.add(test, 'test-1');
    const m = index.firstMatch('题目：据记载，刘邦击败项羽建立汉朝定都长安之后……');
    expect(m).toEqual({ ngram: '刘邦击败项羽建立汉朝定都长', ref: 'test-1', documentFrequency: 1 });
    expect([...m!.ngram]).toHaveLength(13);
  });

  it('does not match 12 shared characters', () => {
    const index = new NgramIndex<string>(13);
    index.add(test, 'test-1');
    expect(index.firstMatch('唐朝：刘邦击败项羽，建立汉朝，然后唐太宗登基')).toBeNull();
  });

  it('counts code points, not UTF-16 units (astral characters)', () => {
    const index = new NgramIndex<number>(3);
    index.add('𠀀𠀁𠀂𠀃', 1);
    expect(index.firstMatch('x𠀁𠀂𠀃y')).toMatchObject({ ngram: '𠀁𠀂𠀃', ref: 1 });
    expect(index.firstMatch('𠀀𠀁x')).toBeNull();
  });

  it('issue 11 item 4: counts words in English, so a few shared words are not an n-gram', () => {
    const index = new NgramIndex<number>(5);
    index.add('The Quick Brown Fox jumps over the lazy dog', 7);
    // main matched 'thequ' (five letters): any two texts sharing two words matched.
    expect(index.firstMatch('ＴＨＥ ＱＵＩＣＫ!')).toBeNull();
    expect(index.firstMatch('I saw ＴＨＥ ＱＵＩＣＫ brown-fox JUMPS!')).toMatchObject({ ngram: 'the quick brown fox jumps', ref: 7 });
    expect(index.firstMatch('the quickbrown fox jumps over')).toBeNull(); // words, not letters
  });

  it('issue 11 item 4: ignores n-grams held by more documents than the cut-off, and still finds a copy', () => {
    const template = '一、选择题：本题共12小题，每小题给出的四个选项中只有一项是符合题目要求的。';
    const index = new NgramIndex<string>(13);
    index.add(`${template}细胞膜的主要成分是脂质和蛋白质，其基本支架是磷脂双分子层。`, 'valid');
    for (let i = 0; i < 11; i++) index.countDocument(`${template}第${'一二三四五六七八九十壹'[i]}题：其他题目的独立内容编号${i}，与验证题毫不相干。`);
    index.countDocument(`${template}第十一题：其他题目的独立内容编号0，与验证题毫不相干。`);
    expect(index.documents).toBe(13);
    expect(index.cutoff).toBe(10);
    const trainItem = `${template}植物细胞的细胞壁主要由纤维素和果胶构成，对细胞起支持和保护作用。`;
    // The template's n-grams are in 13 documents (> 10): boilerplate.
    expect(index.firstMatch(trainItem)).toBeNull();
    expect(index.firstMatch(trainItem, 20)).toMatchObject({ ngram: '一选择题本题共 12 小题每小题', ref: 'valid', documentFrequency: 13 });
    expect(index.firstMatch(`${template}细胞膜的主要成分是脂质和蛋白质，其基本支架是磷脂双分子层。`)).toMatchObject({
      ngram: '只有一项是符合题目要求的细', // the first n-gram past the template
      ref: 'valid',
      documentFrequency: 1,
    });
  });

  it('counts each distinct text once', () => {
    const index = new NgramIndex<number>(3);
    index.add('甲乙丙丁', 1);
    index.countDocument('甲乙丙丁');
    index.countDocument('甲乙丙丁');
    index.countDocument('甲乙丙戊');
    expect(index.documents).toBe(2);
    expect(index.firstMatch('甲乙丙')).toMatchObject({ documentFrequency: 2 });
  });
});

describe('contamination n-gram rule', () => {
  it('makes each CJK character a token and each other run of letters and digits a word', () => {
    expect(contaminationTokens('Hello, 世界！It’s 2024年.')).toEqual(['hello', '世', '界', 'it', 's', '2024', '年']);
    expect(renderNgram(['hello', '世', '界', 'it'])).toBe('hello 世界 it');
  });

  it('chooses the boilerplate cut-off as max(10, 1/1000 of the documents)', () => {
    expect(boilerplateCutoff(20)).toBe(10);
    expect(boilerplateCutoff(10_000)).toBe(10);
    expect(boilerplateCutoff(100_001)).toBe(101);
  });
});
