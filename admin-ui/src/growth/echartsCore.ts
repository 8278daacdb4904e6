import { BarChart, CustomChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { LabelLayout } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

/**
 * ECharts with only what the growth specs draw (server/charts/specs: line, custom error bars, scatter, mark line, bars of the coverage charts,
 * legend, tooltip, title, log axis), and the SVG renderer: crisp at any zoom, and its text is the page's own (CJK
 * from the page font). Loaded on demand by EChart.tsx — a chunk of its own that the workspace never fetches.
 */
echarts.use([BarChart, LineChart, CustomChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, LabelLayout, SVGRenderer]);

export const init = (el: HTMLElement) => echarts.init(el, undefined, { renderer: 'svg' });
