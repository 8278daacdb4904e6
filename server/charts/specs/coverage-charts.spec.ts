import { describe, expect, it } from 'vitest';
import { lengthStats } from '../../synthesis/coverage/coverage';
import { binLabel, coverageByDisciplineChart, lengthHistogramChart } from './coverage-charts';

const zero = { generated: 0, excluded: 0, ingested: 0, rejected: 0, itemsAccepted: 0, itemsPending: 0, itemsDuplicate: 0 };

describe('coverage charts (issue 15 item 6)', () => {
  it('stacks each discipline’s pairs by ingested, excluded and refused, CJK names kept', () => {
    const spec = coverageByDisciplineChart(
      [
        { ...zero, field: '人文', discipline: '中国历史', generated: 5, ingested: 3, excluded: 1, rejected: 1 },
        { ...zero, field: 'Science', discipline: 'Biology', generated: 2, ingested: 2 },
      ],
      { title: '覆盖', ingested: '已导入', excluded: '已排除', rejected: '被拒', pairs: '问答对' },
    );
    expect(spec.yAxis).toMatchObject({ type: 'category', data: ['人文 / 中国历史', 'Science / Biology'] });
    expect((spec.series as Array<{ name: string; data: number[]; stack: string }>).map((s) => [s.name, s.data, s.stack])).toEqual([
      ['已导入', [3, 2], 'pairs'],
      ['已排除', [1, 0], 'pairs'],
      ['被拒', [1, 0], 'pairs'],
    ]);
  });

  it('draws question and answer lengths on the same bins', () => {
    const lengths = { questions: lengthStats([10, 60, 60, 5000]), answers: lengthStats([120]) };
    const spec = lengthHistogramChart(lengths, { title: 'Lengths', questions: 'Questions', answers: 'Answers', characters: 'characters', count: 'pairs' });
    expect((spec.xAxis as { data: string[] }).data).toEqual(['0–50', '50–100', '100–200', '200–400', '400–800', '800–1600', '1600–3200', '3200+']);
    expect((spec.series as Array<{ data: number[] }>).map((s) => s.data)).toEqual([
      [1, 2, 0, 0, 0, 0, 0, 1],
      [0, 0, 1, 0, 0, 0, 0, 0],
    ]);
    expect(binLabel({ from: 3200, to: null, count: 0 })).toBe('3200+');
  });
});
