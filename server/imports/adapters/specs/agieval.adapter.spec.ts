import { describe, expect, it } from 'vitest';
import type { StandardizedItem } from '../../import-types';
import { applyAdapter } from '../adapter-engine';
import { getAdapter } from '../index';
import { noSharedData, readJsonLines, unsoundItems, warnIfNoSharedData } from '../real-samples.spec-helpers';

warnIfNoSharedData('the agieval adapter');

const spec = getAdapter('agieval');

function importFile(name: string) {
  const items: StandardizedItem[] = [];
  const errors: string[] = [];
  readJsonLines('agieval', name).forEach((record, i) => {
    const result = applyAdapter(spec, record, { fileName: `../shared/data/raw/agieval/${name}` });
    if (result.kind === 'items') items.push(...result.items);
    else if (result.kind === 'invalid') errors.push(...result.errors.map((e) => `line ${i + 1}, ${e.field}: ${e.reason}`));
    else errors.push(`line ${i + 1} skipped: ${result.reason}`);
  });
  return { items, errors };
}

describe('agieval adapter on the real sample', () => {
  it.skipIf(noSharedData)('turns each Chinese multiple-choice subset into 75 sound benchmark items', () => {
    const abilities = { 'gaokao-biology': 'biology', 'gaokao-history': 'history', 'logiqa-zh': 'logical_reasoning' };
    for (const [subset, ability] of Object.entries(abilities)) {
      const { items, errors } = importFile(`${subset}.sample.jsonl`);
      expect(errors, subset).toEqual([]);
      expect(items, subset).toHaveLength(75);
      expect(unsoundItems(items, () => 4), subset).toEqual([]);
      for (const item of items) expect(item).toMatchObject({ ability, questionFormat: 0, answerType: 'single_choice', meta: { benchmark: 'agieval', subset } });
    }
  });

  it.skipIf(noSharedData)('keeps passage, question and the options exactly as written (letters, spacing, typos)', () => {
    const history = importFile('gaokao-history.sample.jsonl').items;
    expect(history[0]).toMatchObject({ gold: 'D', meta: { examSource: '2015年上海市高中毕业统一学业考试历史试卷（答案版）' } });
    expect(history[0].meta).not.toHaveProperty('passage');
    expect(history[0].meta!.options).toEqual(['(A)汉穆拉比颁布了集古代两河流域各国法律之大成的法典', '(B)梭伦改革时期颁布了废除债务奴隶的法令', '(C)罗马共和国政府公布了“十二铜表法”', '(D)卡拉卡拉皇帝敕令授予罗马帝国全体自由公民以公民权']);
    expect(history[0].messages[1].content).toBe('(D)卡拉卡拉皇帝敕令授予罗马帝国全体自由公民以公民权');
    // upstream writes a second "(C)" where D belongs, with trailing spaces on others; DoIT's prompt joins them as is
    expect(history[29].meta!.options).toEqual(['(A)外资工业在中国的兴起                ', '(B)民族工业没有技术优势', '(C)民族工业没有资本优势                ', '(C)外资工业享有免税特权']);
    const logiqa = importFile('logiqa-zh.sample.jsonl').items;
    expect(logiqa[0].meta!.passage).toMatch(/^在一项研究中，51名中学生志愿者被分成测试组和对照组/);
    expect(logiqa[0].messages[0].content).toMatch(/^在一项研究中[^\n]*\n以下哪项如果为真，最能支持上述研究人员的观点？\n\(A\)这种非侵入式/);
    expect(logiqa[0].gold).toBe('C');
  });

  it.skipIf(noSharedData)('refuses every line of math.jsonl, naming the subset and why', () => {
    const { items, errors } = importFile('math.sample.jsonl');
    expect(items).toEqual([]);
    expect(errors).toHaveLength(75);
    expect(errors[0]).toBe(
      "line 1, $file: no ability for AGIEval subset (the file's name; only the Chinese multiple-choice subsets gaokao-biology, gaokao-history, logiqa-zh are imported) math",
    );
  });
});

describe('agieval adapter', () => {
  it('refuses a multiple-choice line without four options, naming the field', () => {
    const line = { passage: null, question: '问？', options: ['(A)甲', '(B)乙', '(C)丙'], label: 'A', answer: null, other: null };
    const result = applyAdapter(spec, line, { fileName: 'gaokao-biology.jsonl' });
    expect(result).toMatchObject({ kind: 'invalid', errors: [{ field: 'options' }] });
  });
});
