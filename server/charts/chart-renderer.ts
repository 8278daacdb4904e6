import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { CHART_FONT_FAMILY, chartFontFile } from './chart-font';
import { DEFAULT_CHART_SIZE, type ChartSize, type ChartSpec } from './chart-spec';
import { outlineSvgText } from './outline-worker';

/**
 * Draws a chart spec on the server, without a DOM: ECharts' server-side SVG renderer lays it out, resvg turns that SVG
 * into a PNG, or into an SVG whose text is outlines. Fonts come from the project only (chart-font.ts), never from the
 * machine: the same spec gives the same picture on a laptop, in CI and in the Docker image.
 */

// ECharts takes ~80 ms to load: only the first chart pays for it, not every server boot.
let echartsModule: Promise<typeof import('echarts')> | undefined;
const loadEcharts = () => (echartsModule ??= import('echarts'));

/** resvg's font set: the project's font, for every family a spec may name, and nothing from the system. */
export function chartFontOptions(fontFiles: string[] = [chartFontFile()]): NonNullable<ResvgRenderOptions['font']> {
  return {
    loadSystemFonts: false,
    fontFiles,
    defaultFontFamily: CHART_FONT_FAMILY,
    sansSerifFamily: CHART_FONT_FAMILY,
    serifFamily: CHART_FONT_FAMILY,
    monospaceFamily: CHART_FONT_FAMILY,
    cursiveFamily: CHART_FONT_FAMILY,
    fantasyFamily: CHART_FONT_FAMILY,
  };
}

/** ECharts' own SVG: text stays `<text>` naming the project's font; what the PNG and outlined SVG are drawn from. */
export async function chartToSvgMarkup(spec: ChartSpec, size: ChartSize = DEFAULT_CHART_SIZE): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    const textStyle = Array.isArray(spec.textStyle) ? {} : (spec.textStyle ?? {});
    chart.setOption({ ...spec, animation: false, textStyle: { ...textStyle, fontFamily: `${CHART_FONT_FAMILY}, sans-serif` } });
    // zrender numbers its instances (zr0, zr1, …) into ids and classes: one number for all, so a chart's file depends
    // only on its spec and size, not on how many charts this process drew before it
    return chart.renderToSVGString().replace(/(id="|url\(#|href="#|class="|\.)zr\d+-/g, '$1zr0-');
  } finally {
    chart.dispose();
  }
}

/**
 * The chart as a self-contained SVG: every glyph is a path (resvg's outlining with the project's font), so the file
 * shows its Chinese on a machine without any CJK font and in tools that ignore web fonts (Inkscape, LaTeX's svg
 * import). The title stays searchable as the SVG's `<title>`, the legend's series names as its `<desc>`. Both exports lay text out off the main thread.
 */
export async function renderChartSvg(spec: ChartSpec, size: ChartSize = DEFAULT_CHART_SIZE): Promise<string> {
  const outlined = await outlineSvgText(await chartToSvgMarkup(spec, size), { font: chartFontOptions() });
  const title = chartTitle(spec);
  const legend = chartLegend(spec);
  const meta = (title ? `\n<title>${escapeXml(title)}</title>` : '') + (legend.length ? `\n<desc>${escapeXml(legend.join('; '))}</desc>` : '');
  return meta ? outlined.replace(/<svg\b[^>]*>/, (open) => `${open}${meta}`) : outlined;
}

/** The legend's entries (the series a reader can tell apart): kept as the outlined SVG's `<desc>`, searchable like its title. */
function chartLegend(spec: ChartSpec): string[] {
  const legend = Array.isArray(spec.legend) ? spec.legend[0] : spec.legend;
  const data = (legend?.data ?? []) as unknown[];
  return data.map((d) => (typeof d === 'string' ? d : String((d as { name?: unknown })?.name ?? ''))).filter((d) => d !== '');
}

/** The chart as a PNG at `scale` × its size (2: sharp in print and on high-density screens), on a white ground. */
export async function renderChartPng(spec: ChartSpec, size: ChartSize = DEFAULT_CHART_SIZE, scale = 2): Promise<Buffer> {
  const image = await renderAsync(await chartToSvgMarkup(spec, size), {
    font: chartFontOptions(),
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
  });
  return image.asPng();
}

function chartTitle(spec: ChartSpec): string {
  const title = Array.isArray(spec.title) ? spec.title[0] : spec.title;
  return typeof title?.text === 'string' ? title.text : '';
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
