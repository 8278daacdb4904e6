import type { ChartSpec } from '../chart-spec';

/** The loss line's colour (Okabe–Ito blue, as the UI's other charts), kept here so every drawing of the curve agrees. */
export const LOSS_COLOUR = '#0072B2';

export interface LossPoint {
  step: number;
  loss: number;
}

/** Every word the chart shows, already in the reader's language (the caller translates; the spec only places them). */
export interface LossCurveLabels {
  title: string;
  step: string;
  loss: string;
  /** Shown under the title when there is no step yet. */
  empty: string;
}

/** Training loss against the optimizer step: the curve of an experiment's page, as a chart spec. Pure: no I/O, no Nest. */
export function lossCurveChart(data: readonly LossPoint[], labels: LossCurveLabels): ChartSpec {
  return {
    animation: false,
    backgroundColor: '#ffffff',
    color: [LOSS_COLOUR],
    title: {
      text: labels.title,
      subtext: data.length ? '' : labels.empty,
      left: 'center',
      top: 8,
      textStyle: { fontSize: 16, fontWeight: 'normal', color: '#222222' },
    },
    tooltip: { trigger: 'axis' },
    grid: { left: 72, right: 32, top: 64, bottom: 56 },
    xAxis: {
      type: 'value',
      name: labels.step,
      nameLocation: 'middle',
      nameGap: 30,
      min: 'dataMin',
      max: 'dataMax',
      minInterval: 1,
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    yAxis: {
      type: 'value',
      name: labels.loss,
      nameLocation: 'middle',
      nameGap: 48,
      scale: true,
      splitLine: { lineStyle: { type: 'dashed' } },
    },
    series: [
      {
        type: 'line',
        name: labels.loss,
        data: data.map((d) => [d.step, d.loss]),
        showSymbol: data.length <= 50,
        // a long run has more steps than the chart has pixels: keep the shape (largest-triangle sampling), not every point
        sampling: 'lttb',
        lineStyle: { width: 2 },
      },
    ],
  };
}
