import { describe, expect, it } from 'vitest';
import { checkDistractor } from './distractor-rules';

const bounds = { fineMaxEditRatio: 0.3, coarseMinEditRatio: 0.5 };
const gold = '三角形内角和是180度。';

describe(checkDistractor.name, () => {
  it('refuses a fine distractor equal to the gold after normalization', () => {
    expect(checkDistractor('fine', gold, ' 三角形内角和是１８０度。 ', bounds)).toMatchObject({ ok: false, editRatio: 0 });
  });

  it('accepts a subtle change and refuses a rewrite as fine', () => {
    expect(checkDistractor('fine', gold, '三角形内角和是360度。', bounds).ok).toBe(true);
    expect(checkDistractor('fine', gold, '四边形的面积等于底乘以高。', bounds).message).toMatch(/Too far/);
  });

  it('refuses a coarse distractor that stays close to the gold', () => {
    expect(checkDistractor('coarse', gold, '三角形内角和是360度。', bounds).message).toMatch(/Too close/);
    expect(checkDistractor('coarse', gold, '今天天气很好，我们一起去公园散步吧。', bounds).ok).toBe(true);
  });

  it('refuses an empty distractor', () => {
    expect(checkDistractor('coarse', gold, '   ', bounds).message).toMatch(/empty/);
  });
});
