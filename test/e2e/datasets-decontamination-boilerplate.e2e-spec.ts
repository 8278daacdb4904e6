import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeople, type Person } from '../utils/people';
import { createTestApp, type TestApp } from '../utils/test-app';
import { freezeAndWait, seedItems, versionSplits } from './datasets-fixtures';

/** The COIG-exam instruction every multiple-choice biology item of a paper carries. */
const TEMPLATE = '一、选择题：本题共12小题，每小题2分，共24分。在每小题给出的四个选项中只有一项是符合题目要求的。';
const exam = (body: string) => `${TEMPLATE}\n${body}`;

const VALID_BODY = '细胞膜的基本支架是（　　）\nA. 蛋白质分子\nB. 磷脂双分子层\nC. 糖蛋白\nD. 胆固醇';
const TEST_BODY = '酶具有高效性，其原因是（　　）\nA. 酶能提供能量\nB. 酶能显著降低化学反应的活化能\nC. 酶的化学本质是蛋白质\nD. 酶能改变反应的平衡点';
const TRAIN_BODIES = [
  '人体内环境稳态的主要调节机制是（　　）\nA. 神经调节\nB. 体液调节\nC. 神经—体液—免疫调节网络\nD. 免疫调节',
  '绿叶中色素提取时加入碳酸钙的目的是（　　）\nA. 使研磨充分\nB. 防止色素被破坏\nC. 溶解色素\nD. 促进层析',
  '孟德尔豌豆杂交实验中，F2出现3∶1性状分离比的前提不包括（　　）\nA. 雌雄配子随机结合\nB. 各基因型个体存活率相同\nC. 显性基因相互融合\nD. 统计的个体数量足够多',
  '有丝分裂过程中，染色体数目加倍发生在（　　）\nA. 间期\nB. 前期\nC. 中期\nD. 后期',
  '生态系统的能量流动特点是（　　）\nA. 循环流动，逐级递增\nB. 单向流动，逐级递减\nC. 单向流动，逐级递增\nD. 循环流动，逐级递减',
  '以DNA的一条链为模板合成RNA的过程叫做（　　）\nA. 复制\nB. 转录\nC. 翻译\nD. 逆转录',
  '下列属于原核生物的是（　　）\nA. 酵母菌\nB. 蓝细菌\nC. 衣藻\nD. 草履虫',
  '植物向光性产生的原因是单侧光引起（　　）\nA. 生长素分布不均匀\nB. 赤霉素含量增加\nC. 细胞分裂素减少\nD. 乙烯大量合成',
  '光合作用暗反应阶段发生的场所是（　　）\nA. 类囊体薄膜\nB. 叶绿体基质\nC. 线粒体基质\nD. 细胞质基质',
  '现代生物进化理论认为，生物进化的基本单位是（　　）\nA. 个体\nB. 种群\nC. 群落\nD. 生态系统',
];

/** An IFEval-style format instruction that many English prompts end with (17 words). */
const LOWERCASE = 'Your entire response should be in English, and in all lowercase letters. No capital letters are allowed.';
const EN_VALID = `Write a short essay about the history of the printing press in Europe and its effect on literacy. ${LOWERCASE}`;
const EN_TRAIN = [
  'Write a haiku about autumn leaves falling in a quiet park.',
  'Describe how to bake sourdough bread at home for a beginner.',
  'Write a letter to a friend recommending three science fiction novels.',
  'Summarize the plot of a detective story set in a small mountain village.',
  'Explain why the sky looks blue to a ten year old child.',
  'Write a product description for a reusable water bottle made of steel.',
  'Give advice to a new student starting at a large university this fall.',
  'Compose a short poem about a lighthouse keeper during a storm.',
  'Write a travel blog entry about a weekend trip to the seaside.',
  'Explain the rules of chess to someone who has never played a board game.',
  'Write a speech for the opening of a new public library downtown.',
].map((prompt) => `${prompt} ${LOWERCASE}`);
/** Shares "the history of the printing press" with the validation prompt: 32 letters, 6 words. */
const EN_COMMON_PHRASE = 'Tell me the history of the printing press in China, in two paragraphs.';

describe('decontamination ignores boilerplate n-grams, decided by document frequency (issue 11 item 4)', () => {
  let t: TestApp;
  let researcher: Person;
  let validItem: number;
  let enValid: number;
  let templateOnly: number[];
  let copiedFromValid: number;
  let copiedFromTest: number;
  let enTemplateOnly: number[];
  let enCommonPhrase: number;
  let enCopy: number;

  beforeAll(async () => {
    t = await createTestApp();
    [researcher] = await createPeople(t, 'researcher', 1);
    [validItem] = await seedItems(t, { count: 1, ability: 'biology', split: 'valid', texts: [exam(VALID_BODY)] });
    await seedItems(t, { count: 1, ability: 'biology', split: 'test', texts: [exam(TEST_BODY)] });
    // Ten accepted train items of the same paper: each shares only the template with the validation item.
    templateOnly = await seedItems(t, { count: TRAIN_BODIES.length, ability: 'biology', split: 'train', texts: TRAIN_BODIES.map(exam) });
    [copiedFromValid, copiedFromTest] = await seedItems(t, {
      count: 2,
      ability: 'biology',
      split: 'train',
      // a verbatim copy of the validation question (the template included), and the test question without it
      texts: [exam(VALID_BODY), `请回答：${TEST_BODY}`],
    });
    [enValid] = await seedItems(t, { count: 1, ability: 'creative_writing', split: 'valid', texts: [EN_VALID] });
    enTemplateOnly = await seedItems(t, { count: EN_TRAIN.length, ability: 'creative_writing', split: 'train', texts: EN_TRAIN });
    [enCommonPhrase, enCopy] = await seedItems(t, { count: 2, ability: 'creative_writing', split: 'train', texts: [EN_COMMON_PHRASE, EN_VALID] });
  });
  afterAll(() => t.close());

  it('keeps train items whose only shared n-grams are the exam template or a common instruction, and flags copies with the evidence', async () => {
    const v = await freezeAndWait(t, researcher.token, { name: 'boilerplate', splits: { valid: 0, test: 0 } });
    const splits = await versionSplits(t, v.id);
    // main excluded all ten (and the English ones: 13 letters are two or three words)
    for (const id of [...templateOnly, ...enTemplateOnly, enCommonPhrase]) expect(splits.get(id), `item ${id}`).toBe('train');
    expect(splits.has(copiedFromValid)).toBe(false);
    expect(splits.has(copiedFromTest)).toBe(false);
    expect(splits.has(enCopy)).toBe(false);
    // 2 + 12 biology and 1 + 13 English items, each text distinct
    expect(v.decontamination).toMatchObject({ ngram: 13, flagged: 3, excluded: 3, documents: 28, boilerplateCutoff: 10 });

    const res = await t.http.get(`/api/datasets/versions/${v.id}/exclusions`).set(...researcher.auth).query({ filter: '{"reason":"contaminated"}' }).expect(200);
    const evidence = new Map(res.body.map((e: { itemId: number; evidence: unknown }) => [e.itemId, e.evidence]));
    // The template's n-grams are in all 14 biology items (> the cut-off of 10); the first n-gram past it is in two.
    expect(evidence.get(copiedFromValid)).toMatchObject({ ngram: '只有一项是符合题目要求的细', documentFrequency: 2, cutoff: 10, matchedItemId: validItem });
    expect(evidence.get(copiedFromTest)).toMatchObject({ ngram: '酶具有高效性其原因是 a 酶能', documentFrequency: 2, cutoff: 10, matchedSplit: 'test' });
    expect(evidence.get(enCopy)).toMatchObject({
      ngram: 'write a short essay about the history of the printing press in europe', // 13 words
      documentFrequency: 2,
      cutoff: 10,
      matchedItemId: enValid,
    });
  });
});
