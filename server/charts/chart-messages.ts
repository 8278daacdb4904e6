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
}

const MESSAGES: Record<ChartLocale, ChartMessages> = {
  en: {
    lossCurve: { title: (experiment) => `Training loss — ${experiment}`, step: 'Step', loss: 'Loss', empty: 'No training step yet.' },
  },
  'zh-CN': {
    lossCurve: { title: (experiment) => `训练损失 — ${experiment}`, step: '步数', loss: '损失', empty: '还没有训练步。' },
  },
};

export function chartMessages(locale: ChartLocale): ChartMessages {
  return MESSAGES[locale];
}
