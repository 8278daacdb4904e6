import type { GrowthCurveLabels, ScoreByEpochLabels } from './specs/growth-curve';
import type { SensitivityScatterLabels } from './specs/sensitivity-scatter';

/**
 * The words server-drawn charts show, per locale: the admin UI's two languages, with the same terms as its
 * `pace.experiments.curve` messages. A chart spec takes them already translated.
 */
export const CHART_LOCALES = ['en', 'zh-CN'] as const;
export type ChartLocale = (typeof CHART_LOCALES)[number];

export function isChartLocale(value: string): value is ChartLocale {
  return (CHART_LOCALES as readonly string[]).includes(value);
}

interface ChartMessages {
  lossCurve: { title: (experiment: string) => string; step: string; loss: string; empty: string };
  /** The growth curve's words; the title and subtitle take the curve's name and the best-checkpoint rule's epoch. */
  growthCurve: Omit<GrowthCurveLabels, 'title' | 'subtitle'> & {
    title: (curve: string) => string;
    subtitle: (minEpoch: number) => string;
    average: string;
  };
  scoreByEpoch: Omit<ScoreByEpochLabels, 'title' | 'subtitle' | 'tooltip' | 'abilityNames'> & { title: (run: string) => string; subtitle: (minEpoch: number) => string };
  /** The probe scatters' words (the caller adds the abilities' display names). */
  complexityScatter: Omit<SensitivityScatterLabels, 'abilityNames'>;
  transferenceScatter: Omit<SensitivityScatterLabels, 'abilityNames'>;
}

const EN_STATISTICS: SensitivityScatterLabels['statistics'] = (s) =>
  s.estimable ? `Pearson r = ${s.r.toFixed(2)}, p = ${formatP(s.p)}, n = ${s.n}` : `n = ${s.n}: no correlation (${s.reason})`;
const ZH_STATISTICS: SensitivityScatterLabels['statistics'] = (s) =>
  s.estimable ? `皮尔逊 r = ${s.r.toFixed(2)}，p = ${formatP(s.p)}，n = ${s.n}` : `n = ${s.n}：无法计算相关（${s.reason}）`;

/** p to three decimals, and below 0.001 as "< 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

const MESSAGES: Record<ChartLocale, ChartMessages> = {
  en: {
    lossCurve: { title: (experiment) => `Training loss — ${experiment}`, step: 'Step', loss: 'Loss', empty: 'No training step yet.' },
    growthCurve: {
      title: (curve) => `Growth curve — ${curve}`,
      subtitle: (minEpoch) => `Test score at the best checkpoint (epoch ≥ ${minEpoch}), with 95% intervals`,
      average: 'Average',
      volume: 'Training items (log scale)',
      score: 'Score',
      randomGuess: 'Random guess',
      source: { curated: 'curated', synthetic: 'synthetic' },
      shots: (shots) => `${shots}-shot`,
      empty: 'No evaluated run yet.',
      notDrawn: (count) => `${count} point(s) at volume 0 not drawn on the log axis`,
      tooltip: {
        run: 'Run',
        seed: 'Seed',
        epoch: 'Checkpoint epoch',
        volume: 'Training items',
        score: 'Score',
        n: 'Items scored (n)',
        interval: '95% interval',
        method: { wilson: 'Wilson', bootstrap: 'bootstrap over items' },
        meanOf: (seeds) => `mean of ${seeds} seeds`,
      },
    },
    scoreByEpoch: {
      title: (run) => `Score by epoch — ${run}`,
      subtitle: (minEpoch) => `Test score of each checkpoint, with 95% intervals; the reported one is the best on validation at epoch ≥ ${minEpoch}`,
      epoch: 'Epoch',
      score: 'Score',
      reported: (epoch) => `reported (epoch ${epoch})`,
      empty: 'No evaluated checkpoint yet.',
    },
    complexityScatter: {
      title: 'Complexity vs model-size sensitivity',
      x: 'Model-size sensitivity α_N',
      y: 'Complexity',
      abilities: 'Abilities',
      fit: 'Least-squares line',
      statistics: EN_STATISTICS,
    },
    transferenceScatter: {
      title: 'Transference vs data-volume sensitivity',
      x: 'Data-volume sensitivity α_D',
      y: 'Transference',
      abilities: 'Abilities',
      fit: 'Least-squares line',
      statistics: EN_STATISTICS,
    },
  },
  'zh-CN': {
    lossCurve: { title: (experiment) => `训练损失 — ${experiment}`, step: '步数', loss: '损失', empty: '还没有训练步。' },
    growthCurve: {
      title: (curve) => `增长曲线 — ${curve}`,
      subtitle: (minEpoch) => `最佳检查点（第 ${minEpoch} 轮及以后）的测试得分，含 95% 区间`,
      average: '平均',
      volume: '训练条数（对数刻度）',
      score: '得分',
      randomGuess: '随机猜测',
      source: { curated: '人工整理', synthetic: '合成' },
      shots: (shots) => `${shots}-shot`,
      empty: '还没有已评测的运行。',
      notDrawn: (count) => `${count} 个训练量为 0 的点无法画在对数轴上`,
      tooltip: {
        run: '运行',
        seed: '随机种子',
        epoch: '检查点轮次',
        volume: '训练条数',
        score: '得分',
        n: '评分条数 (n)',
        interval: '95% 区间',
        method: { wilson: 'Wilson', bootstrap: '按条目自助法' },
        meanOf: (seeds) => `${seeds} 个种子的均值`,
      },
    },
    scoreByEpoch: {
      title: (run) => `各轮得分 — ${run}`,
      subtitle: (minEpoch) => `每个检查点的测试得分，含 95% 区间；报告的是第 ${minEpoch} 轮及以后验证集最佳的检查点`,
      epoch: '轮次',
      score: '得分',
      reported: (epoch) => `报告（第 ${epoch} 轮）`,
      empty: '还没有已评测的检查点。',
    },
    complexityScatter: {
      title: '复杂度与模型规模敏感度',
      x: '模型规模敏感度 α_N',
      y: '复杂度',
      abilities: '能力',
      fit: '最小二乘直线',
      statistics: ZH_STATISTICS,
    },
    transferenceScatter: {
      title: '迁移度与数据量敏感度',
      x: '数据量敏感度 α_D',
      y: '迁移度',
      abilities: '能力',
      fit: '最小二乘直线',
      statistics: ZH_STATISTICS,
    },
  },
};

export function chartMessages(locale: ChartLocale): ChartMessages {
  return MESSAGES[locale];
}

/** The growth chart's labels for one curve in `locale`: `curve` is the ability's (or benchmark's) display name. */
export function growthCurveLabels(locale: ChartLocale, curve: string, minEpoch: number): GrowthCurveLabels {
  const m = MESSAGES[locale].growthCurve;
  return { ...m, title: m.title(curve), subtitle: m.subtitle(minEpoch) };
}

/** The score-by-epoch chart's labels for one run in `locale`. */
export function scoreByEpochLabels(locale: ChartLocale, run: string, minEpoch: number, abilityNames?: Readonly<Record<string, string>>): ScoreByEpochLabels {
  const m = MESSAGES[locale];
  return { ...m.scoreByEpoch, title: m.scoreByEpoch.title(run), subtitle: m.scoreByEpoch.subtitle(minEpoch), tooltip: m.growthCurve.tooltip, abilityNames };
}
