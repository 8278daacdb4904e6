import type { EChartsOption } from 'echarts';

/**
 * What a chart is: an ECharts option, built by a pure function from data and labels (see specs/). The admin UI draws
 * it in the browser and the server draws the same spec to SVG/PNG (chart-renderer.ts), so a published figure is the
 * one a researcher saw. Only a type import here: a spec module needs no renderer and no Nest.
 */
export type ChartSpec = EChartsOption;

export interface ChartSize {
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: ChartSize = { width: 800, height: 400 };
