import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOSS_COLOUR, lossCurveChart } from './loss-curve';

const LABELS = { title: '训练损失 — 历史', step: '步数', loss: '损失', empty: '还没有训练步。' };

describe(lossCurveChart.name, () => {
  it('places the given words and the steps, and says when there is no step yet', () => {
    const spec = lossCurveChart([{ step: 1, loss: 2 }, { step: 2, loss: 1.5 }], LABELS);
    expect(spec.title).toMatchObject({ text: LABELS.title, subtext: '' });
    expect(spec.xAxis).toMatchObject({ name: '步数' });
    expect(spec.yAxis).toMatchObject({ name: '损失' });
    expect(spec.color).toEqual([LOSS_COLOUR]);
    expect(spec.series).toEqual([expect.objectContaining({ type: 'line', name: '损失', data: [[1, 2], [2, 1.5]], showSymbol: true })]);
    expect(lossCurveChart([], LABELS).title).toMatchObject({ subtext: '还没有训练步。' });
  });

  it('marks no point on a long run: the line alone, sampled to the pixels', () => {
    const steps = Array.from({ length: 500 }, (_, i) => ({ step: i + 1, loss: 1 / (i + 1) }));
    expect(lossCurveChart(steps, LABELS).series).toEqual([expect.objectContaining({ showSymbol: false, sampling: 'lttb' })]);
  });

  // issue 12 item 4: a spec is shared by the admin UI's bundle and the server: no runtime import may tie it to either
  it('every spec module imports types only (no Nest, no Node, no renderer)', () => {
    const dir = __dirname;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
      const imports = readFileSync(join(dir, file), 'utf8').match(/^import\b.*$/gm) ?? [];
      for (const line of imports) expect(line, `${file}: ${line}`).toMatch(/^import type /);
    }
  });
});
